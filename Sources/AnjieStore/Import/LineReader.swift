import Foundation

/// Reads a file (or standard input) line by line in 1 MiB chunks: memory stays constant whatever
/// the file's size. Lines are raw bytes, so invalid UTF-8 can be reported rather than replaced.
public struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    public private(set) var lineNumber = 0
    public private(set) var bytesRead = 0

    public init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw StoreError.environment("无法读取文件 \(path)", "cannot read \(path)")
            }
            handle = opened
        }
    }

    /// The next line without its newline (a trailing `\r` is dropped too).
    public mutating func next() -> (number: Int, bytes: ArraySlice<UInt8>)? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var line = buffer[start..<newline]
                start = newline + 1
                if line.last == 0x0D { line = line.dropLast() }
                lineNumber += 1
                return (lineNumber, line)
            }
            if finished {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                lineNumber += 1
                return (lineNumber, line)
            }
            buffer.removeFirst(start)
            start = 0
            let chunk = handle.readData(ofLength: 1 << 20)
            bytesRead += chunk.count
            if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
