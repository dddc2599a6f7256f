import AnjieDomain
import AnjieSynthetic
import Testing

@Suite struct RandomCasesTests {
    @Test func theSameSeedGivesTheSameRecords() {
        var a = RandomCases(seed: 42), b = RandomCases(seed: 42), c = RandomCases(seed: 43)
        let first = (0..<50).flatMap { _ in a.nextCase(workflow: Workflows.of(MediationRules.self)) }.map(Interchange.encode)
        let second = (0..<50).flatMap { _ in b.nextCase(workflow: Workflows.of(MediationRules.self)) }.map(Interchange.encode)
        let other = (0..<50).flatMap { _ in c.nextCase(workflow: Workflows.of(MediationRules.self)) }.map(Interchange.encode)
        #expect(first == second)
        #expect(first != other)
    }

    @Test func everyGeneratedLineParsesBack() throws {
        var generator = RandomCases(seed: 5)
        for id in WorkflowID.allCases {
            for line in generator.nextCase(workflow: Workflows[id]!) {
                #expect(try Interchange.parse(Array(Interchange.encode(line).utf8)) == line)
            }
        }
    }
}
