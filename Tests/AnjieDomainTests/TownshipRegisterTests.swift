import AnjieDomain
import Testing

/// The township register as a value (issue 16): names, codes and aliases stored as the name; a
/// typo refused with the nearest names, by edit distance and by the same-prefix rule.
@Suite struct TownshipRegisterTests {
    static let luzhai = try! TownshipRegister(county: "450223", townships: [
        Township(name: "鹿寨镇"), Township(name: "中渡镇"), Township(name: "寨沙镇"), Township(name: "平山镇"),
        Township(name: "雒容镇", code: "450223104000", aliases: ["雒容"]), Township(name: "江口乡"),
    ])
    static let liucheng = try! TownshipRegister(county: "450222", townships: [
        Township(name: "大埔镇"), Township(name: "龙头镇"), Township(name: "沙埔镇"), Township(name: "古砦仫佬族乡"),
    ])

    @Test func aNameCodeOrAliasIsStoredAsTheName() throws {
        #expect(try Self.luzhai.canonical("雒容镇") == "雒容镇")
        #expect(try Self.luzhai.canonical(" 雒容 ") == "雒容镇")
        #expect(try Self.luzhai.canonical("450223104000") == "雒容镇")
    }

    @Test func aTypoIsRefusedWithTheNearestNamesInBothLanguages() throws {
        let refusal = try #require(throws: DomainError.self) { try Self.liucheng.canonical("大浦镇") }
        #expect(refusal.code == .invalidData && refusal.fields.first?.field == "township")
        #expect(refusal.zh.contains("是否为：大埔镇？") && refusal.en.contains("did you mean 大埔镇?"), "\(refusal)")
        #expect(Self.luzhai.suggestions(for: "雒容真") == ["雒容镇"])
        #expect(Self.liucheng.suggestions(for: "古砦") == ["古砦仫佬族乡"])
        #expect(Self.liucheng.suggestions(for: "北京市").isEmpty)
        let far = try #require(throws: DomainError.self) { try Self.liucheng.canonical("北京市") }
        #expect(far.zh.contains("已登记：") && far.en.contains("registered: "))
    }

    @Test func eventDataKeepsItsKeyAndOtherFields() throws {
        let spec = EventSpec("register", "登记", [FieldSpec("township", "乡镇", .text), FieldSpec("summary", "摘要", .text)])
        let data: EventData = ["乡镇": .string("雒容"), "summary": .string("x")]
        #expect(try Self.luzhai.canonicalizing(data, spec: spec) == ["乡镇": .string("雒容镇"), "summary": .string("x")])
        #expect(try Self.luzhai.canonicalizing(["summary": .string("x")], spec: spec) == ["summary": .string("x")])
        #expect(throws: DomainError.self) { try Self.luzhai.canonicalizing(["township": .string("雒容真")], spec: spec) }
    }

    @Test func aRegisterWithConflictsIsRefusedWholeWithEveryRow() throws {
        let refusal = try #require(throws: DomainError.self) {
            try TownshipRegister(county: "450223", townships: [
                Township(name: "鹿寨镇", code: "4502231"), Township(name: "中渡镇", aliases: ["鹿寨镇"]),
                Township(name: "鹿寨镇"), Township(name: ""), Township(name: "寨沙镇", code: "450222100000"),
            ], rows: [2, 3, 4, 5, 6])
        }
        #expect(refusal.fields.map(\.field) == ["第2行 row 2", "第3行 row 3", "第4行 row 4", "第5行 row 5", "第6行 row 6"], "\(refusal)")
    }

    @Test func theCountyIsTheOneGivenTheOnlyOneTheDefaultOrAnError() throws {
        let a = RegisteredCounty(code: "450222", name: "柳城县", isDefault: false)
        let b = RegisteredCounty(code: "450223", name: "鹿寨县", isDefault: false)
        let bDefault = RegisteredCounty(code: "450223", name: "鹿寨县", isDefault: true)
        #expect(try CountyChoice.resolve(explicit: "450224", registered: [a, b], caseCounties: []) == "450224")
        #expect(try CountyChoice.resolve(explicit: nil, registered: [b], caseCounties: ["450222"]) == "450223")
        #expect(try CountyChoice.resolve(explicit: nil, registered: [a, bDefault], caseCounties: []) == "450223")
        let several = try #require(throws: DomainError.self) { try CountyChoice.resolve(explicit: nil, registered: [a, b], caseCounties: []) }
        #expect(several.zh.contains("柳城县（450222）、鹿寨县（450223）") && several.en.contains("450223 鹿寨县"))
        // Before the register: a database whose cases are all one county's keeps working on it.
        #expect(try CountyChoice.resolve(explicit: nil, registered: [], caseCounties: ["450222"]) == "450222")
        let none = try #require(throws: DomainError.self) { try CountyChoice.resolve(explicit: nil, registered: [], caseCounties: []) }
        #expect(none.zh.contains("anjie county init") && none.en.contains("anjie county init"))
        #expect(throws: DomainError.self) { try CountyChoice.resolve(explicit: nil, registered: [], caseCounties: ["450222", "450223"]) }
        #expect(throws: DomainError.self) { try CountyChoice.resolve(explicit: "4502", registered: [a], caseCounties: []) }
    }
}
