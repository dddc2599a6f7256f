#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where a command's output and error messages go: the process's stdout and stderr, or, when a
/// test runs a command line in process (`AnjieCommand.run(_:database:)`), that run's buffers.
///
/// A task-local, so that commands need no output passed down every call and parallel in-process
/// runs never see each other's text.
public struct CLIOutput: Sendable {
    let writeOutput: @Sendable (String) -> Void
    let writeError: @Sendable (String) -> Void
    /// Whether the text goes to the process's stdout and stderr (which may be a terminal).
    let isProcessStreams: Bool

    public init(output: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (String) -> Void) {
        self.init(output: output, error: error, isProcessStreams: false)
    }

    private init(output: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (String) -> Void, isProcessStreams: Bool) {
        writeOutput = output
        writeError = error
        self.isProcessStreams = isProcessStreams
    }

    /// The process's own streams.
    public static let standard = CLIOutput(
        output: { Swift.print($0, terminator: "") },
        error: { FileHandle.standardError.write(Data($0.utf8)) },
        isProcessStreams: true)

    @TaskLocal public static var current = CLIOutput.standard

    /// Whether `descriptor` (STDIN_FILENO, STDOUT_FILENO) is a terminal the current run talks to:
    /// never in an in-process run, so a test started from a terminal is neither asked nor coloured.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        current.isProcessStreams && isatty(descriptor) == 1
    }
}

/// Every command in this module prints through this, not `Swift.print` (a module's own function
/// shadows the standard library's): the text reaches stdout as before, or an in-process run's
/// buffer, without each command taking an output to write to.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    CLIOutput.current.writeOutput(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

/// Text collected from one in-process run; appended from whatever task the command runs on.
final class CollectedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func append(_ more: String) { lock.withLock { text += more } }
    var value: String { lock.withLock { text } }
}
