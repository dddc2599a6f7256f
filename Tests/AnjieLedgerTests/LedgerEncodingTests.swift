@testable import AnjieLedger
import Foundation
import Testing

@Suite struct LedgerEncodingTests {
    static let text = "序号,当事人\r\n1,张三、李四\r\n"

    @Test func utf8WithAndWithoutBOMDecodeTheSame() throws {
        let plain = try LedgerEncoding.decode(Array(Self.text.utf8))
        let bom = try LedgerEncoding.decode([0xEF, 0xBB, 0xBF] + Array(Self.text.utf8))
        #expect(plain.text == Self.text && plain.encoding == .utf8)
        #expect(bom.text == Self.text && bom.encoding == .utf8)
    }

    @Test func gb18030IsDetectedIncludingFourByteCharacters() throws {
        // 𠀀 (U+20000) and 😀 are four-byte sequences in GB18030; GBK has neither.
        let original = "序号,当事人,备注\r\n1,张三、李四,𠀀 😀 é €\r\n"
        let bytes = LedgerEncoding.gb18030.encode(original)
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture must not be valid UTF-8")
        #expect(bytes.starts(with: [0xD0, 0xF2]), "序 is D0F2 in GB18030")
        let decoded = try LedgerEncoding.decode(bytes)
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.text == original)
    }

    @Test func bytesThatAreNeitherAreRefusedWithTheLine() {
        // 0xFF is never valid in GB18030 or UTF-8.
        let bytes = Array("序号\n1\n".utf8) + [0xFF, 0x0A]
        #expect(throws: (any Error).self) { try LedgerEncoding.decode(bytes) }
        do {
            _ = try LedgerEncoding.decode(bytes)
        } catch {
            #expect("\(error)".contains("line 3"))
        }
    }

    @Test func aForcedEncodingIsObeyed() throws {
        let gb = LedgerEncoding.gb18030.encode(Self.text)
        #expect(throws: (any Error).self) { try LedgerEncoding.decode(gb, forced: .utf8) }
        #expect(try LedgerEncoding.decode(gb, forced: .gb18030).text == Self.text)
        #expect(LedgerEncoding.named("GBK") == .gb18030 && LedgerEncoding.named("UTF8") == .utf8)
    }
}
