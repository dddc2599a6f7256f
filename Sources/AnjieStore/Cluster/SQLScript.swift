import Foundation

/// Splits a migration file into statements. postgres-nio speaks only the extended protocol, which
/// takes one statement at a time, so a file of many needs splitting — at semicolons outside
/// quotes, dollar-quoted bodies and comments.
enum SQLScript {
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current: [Character] = []
        let chars = Array(script)
        var i = 0
        func flush() {
            let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !stripComments(text).isEmpty { statements.append(text) }
            current.removeAll()
        }
        while i < chars.count {
            let c = chars[i]
            if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { current.append(chars[i]); i += 1 }
                continue
            }
            if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                while i < chars.count, !(chars[i] == "*" && i + 1 < chars.count && chars[i + 1] == "/") { current.append(chars[i]); i += 1 }
                current.append(contentsOf: chars[i..<min(i + 2, chars.count)]); i += 2
                continue
            }
            if c == "'" || c == "\"" {
                current.append(c); i += 1
                while i < chars.count {
                    current.append(chars[i])
                    if chars[i] == c {
                        if i + 1 < chars.count, chars[i + 1] == c { current.append(chars[i + 1]); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                continue
            }
            if c == "$", let tag = dollarTag(chars, at: i) {
                current.append(contentsOf: tag); i += tag.count
                while i < chars.count, !matches(chars, tag, at: i) { current.append(chars[i]); i += 1 }
                current.append(contentsOf: chars[i..<min(i + tag.count, chars.count)]); i += tag.count
                continue
            }
            if c == ";" { flush(); i += 1; continue }
            current.append(c)
            i += 1
        }
        flush()
        return statements
    }

    /// `$$` or `$name$` starting at `index`.
    static func dollarTag(_ chars: [Character], at index: Int) -> [Character]? {
        var end = index + 1
        while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" { end += 1 }
        guard end < chars.count, chars[end] == "$" else { return nil }
        if end > index + 1, chars[index + 1].isNumber { return nil }  // $1 is a parameter
        return Array(chars[index...end])
    }

    static func matches(_ chars: [Character], _ tag: [Character], at index: Int) -> Bool {
        index + tag.count <= chars.count && Array(chars[index..<(index + tag.count)]) == tag
    }

    static func stripComments(_ text: String) -> String {
        text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
