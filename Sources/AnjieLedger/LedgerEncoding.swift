import AnjieDomain
import Foundation

/// The character encodings a township's CSV arrives in: Excel on Chinese Windows saves "CSV" in
/// GB18030 (its ANSI code page, 936, is GBK, a subset), "CSV UTF-8" with a byte-order mark, and other
/// tools save UTF-8 without one.
public enum LedgerEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case gb18030

    /// Foundation's number for GB18030: kCFStringEncodingGB_18030_2000 (0x0632) in NSStringEncoding
    /// form. Foundation on Linux decodes it through ICU, four-byte sequences included (checked by a
    /// test), so no iconv is needed.
    static let foundationGB18030 = String.Encoding(rawValue: 0x8000_0632)
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    public var label: String {
        switch self {
        case .utf8: return "UTF-8"
        case .gb18030: return "GB18030"
        }
    }

    /// Accepts `utf-8`, `utf8`, `gb18030`, `gbk`, `gb2312` (GBK and GB2312 are subsets of GB18030).
    public static func named(_ text: String) -> LedgerEncoding? {
        switch text.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "utf8": return .utf8
        case "gb18030", "gbk", "gb2312", "cp936": return .gb18030
        default: return nil
        }
    }

    /// Decodes a whole file. Without a forced encoding: a BOM or valid UTF-8 means UTF-8, anything
    /// else is read as GB18030 (ASCII-only files are the same in both).
    public static func decode(_ bytes: [UInt8], forced: LedgerEncoding? = nil) throws -> (text: String, encoding: LedgerEncoding) {
        var body = bytes[...]
        let hasBOM = bytes.starts(with: utf8BOM)
        if hasBOM { body = body.dropFirst(utf8BOM.count) }
        if forced != .gb18030, let text = String(validating: body, as: UTF8.self) {
            return (text, .utf8)
        }
        if forced == .utf8 || hasBOM {
            throw DomainError.invalidInput(
                "文件不是有效的 UTF-8 文本（第 \(firstBadLine(body, .utf8)) 行）；如为 Excel 另存的 CSV，请用 --encoding gb18030",
                "the file is not valid UTF-8 (line \(firstBadLine(body, .utf8))); for a CSV saved by Excel try --encoding gb18030")
        }
        guard let text = String(data: Data(body), encoding: foundationGB18030) else {
            throw DomainError.invalidInput(
                "文件既不是 UTF-8 也不是 GB18030 文本（第 \(firstBadLine(body, .gb18030)) 行有无效字节）",
                "the file is neither UTF-8 nor GB18030 text (invalid bytes on line \(firstBadLine(body, .gb18030)))")
        }
        return (text, .gb18030)
    }

    /// Encodes text for a file a clerk opens in Excel: UTF-8 gets a BOM (without one Excel reads it
    /// as the ANSI code page and shows mojibake); GB18030 is what Excel reads natively.
    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8:
            return Self.utf8BOM + Array(text.utf8)
        case .gb18030:
            // Every Unicode scalar has a GB18030 form, so this cannot fail for valid Swift strings.
            return Array(text.data(using: Self.foundationGB18030) ?? Data(text.utf8))
        }
    }

    /// The 1-based line of the first undecodable bytes. Splitting at 0x0A is safe in both encodings:
    /// neither uses that byte inside a multi-byte character.
    static func firstBadLine(_ bytes: ArraySlice<UInt8>, _ encoding: LedgerEncoding) -> Int {
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let valid: Bool
            switch encoding {
            case .utf8: valid = String(validating: line, as: UTF8.self) != nil
            case .gb18030: valid = String(data: Data(line), encoding: foundationGB18030) != nil
            }
            if !valid { return index + 1 }
        }
        return 0
    }
}
