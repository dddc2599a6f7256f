#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writing to the terminal: colours only on a terminal and never with NO_COLOR.
enum Terminal {
    static var isInteractive: Bool { CLIOutput.isTerminal(STDOUT_FILENO) }

    static var useColor: Bool {
        isInteractive && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func color(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func bold(_ text: String) -> String { color(text, "1") }
    static func red(_ text: String) -> String { color(text, "31") }
    static func green(_ text: String) -> String { color(text, "32") }
    static func dim(_ text: String) -> String { color(text, "2") }
    /// Struck through on a terminal; marked with ~~ elsewhere, so a corrected value never reads as current.
    static func strike(_ text: String) -> String {
        let struck = color(text, "9")
        return struck == text ? "~~\(text)~~" : struck
    }

    /// stderr, or the error buffer of a test's in-process run (CLIOutput).
    static func error(_ text: String) {
        CLIOutput.current.writeError(text + "\n")
    }

    /// A progress line on standard error, rewritten in place; nil clears it.
    static func progress(_ text: String?) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text ?? "")).utf8))
    }

    /// `[██████······]` for a progress line; a total of 0 draws an empty bar.
    static func bar(_ done: Int, _ total: Int, width: Int = 24) -> String {
        let filled = total > 0 ? min(width, done * width / total) : 0
        return "[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "]"
    }

    /// Columns a string takes on a terminal: East Asian wide characters take two.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return total + (scalar.properties.generalCategory == .nonspacingMark ? 0 : wide ? 2 : 1)
        }
    }

    static func pad(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - width(text)))
    }
}

/// A plain text table, aligned for CJK text.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { Terminal.width($0[column]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { Terminal.pad($0.element, to: widths[$0.offset]) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([Terminal.bold(line(header))] + rows.map(line)).joined(separator: "\n")
    }
}
