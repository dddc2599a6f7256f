import AnjieDomain
import AnjieLedger
import Foundation
import Testing

/// Township registers as they travel: CSV `name,code,aliases`, UTF-8 or GB18030 (issue 16).
@Suite struct TownshipFileTests {
    @Test func aGB18030FileWithAliasesReads() throws {
        let text = "name,code,aliases\r\n雒容镇,450223104000,雒容;雒容真\r\n鹿寨镇,,\r\n"
        let register = try TownshipFile.read(LedgerEncoding.gb18030.encode(text), county: "450223")
        #expect(register.names.sorted() == ["雒容镇", "鹿寨镇"])
        #expect(register.lookup("雒容真") == "雒容镇" && register.lookup("450223104000") == "雒容镇")
        let utf8 = try TownshipFile.read(LedgerEncoding.utf8.encode(text), county: "450223")
        #expect(utf8 == register)
        #expect(try TownshipFile.read(Array(try TownshipFile.csv(register).utf8), county: "450223") == register)
    }

    @Test func everyProblemOfEveryRowIsReportedAtOnce() throws {
        let text = "name,code,aliases\n鹿寨镇,12345,\n,450223100000,\n中渡镇,,鹿寨镇\n"
        let refusal = try #require(throws: DomainError.self) { try TownshipFile.read(Array(text.utf8), county: "450223") }
        #expect(refusal.fields.map(\.field) == ["第2行 row 2", "第3行 row 3", "第4行 row 4"], "\(refusal)")
        let header = try #require(throws: DomainError.self) { try TownshipFile.read(Array("名字,code\n鹿寨镇,\n".utf8), county: "450223") }
        #expect(header.zh.contains("名字") && header.en.contains("name,code,aliases"), "\(header)")
    }
}
