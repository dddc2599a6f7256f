import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

/// `anjie demo`: the main job on the embedded database. For now it walks one dispute through the
/// centre's six steps with the same engine as the CLI and prints its timeline.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "演示：在本地数据库上走完六步闭环 / Demo: take a dispute through the six steps on the embedded database")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let county = global.countyCode
        let steps = DemoScript.sixSteps
        let detail = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
            let store = CaseStore(db)
            print("· 登记一件邻里纠纷并走完六步闭环 / registering a neighbour dispute and taking it through the six steps")
            var number: String?
            for step in steps {
                let request = EventRequest(county: county, workflow: .dispute, caseNumber: number, event: step.event,
                                           data: step.data, at: step.at, actor: "demo")
                let recorded = try await store.record(request)
                number = recorded.summary.caseNumber
                print("  \(recorded.decision.event) → \(Workflows.dispute.stateLabel(recorded.summary.state))")
            }
            return try await store.show(county: county, workflow: .dispute, caseNumber: number!)
        }
        print("")
        print(global.format == .json ? JSONOutput.string(CaseRendering.json(detail)) : CaseRendering.text(detail))
    }
}

enum DemoScript {
    struct Step: Sendable {
        let event: String
        let data: EventData
        let at: Date
    }

    static func at(_ text: String) -> Date { Timestamp.parse(text)! }

    static let sixSteps: [Step] = [
        Step(event: "register", data: [
            "channel": .string("警情推送"), "category": .string("邻里"), "township": .string("大埔镇"),
            "summary": .string("相邻宅基地排水沟纠纷"),
            "parties": .array([
                .object(["role": .string("申请人"), "name": .string("张三"), "id_number": .string("11010519491231002X")]),
                .object(["role": .string("被申请人"), "name": .string("李四")]),
            ]),
        ], at: at("2025-03-02T09:30:00+08:00")),
        Step(event: "start_mediation", data: ["mediator": .string("王调解员")], at: at("2025-03-02T10:00:00+08:00")),
        Step(event: "mediation_failed", data: ["reason": .string("refused")], at: at("2025-03-03T16:00:00+08:00")),
        Step(event: "assess", data: ["risk": .string("medium"), "complexity": .string("complex"),
                                     "basis": .string("双方情绪对立，涉及宅基地边界")], at: at("2025-03-04T09:00:00+08:00")),
        Step(event: "route", data: ["unit": .string("县自然资源局"), "legal_channel": .string("行政调处"),
                                    "due": .string("2025-03-31")], at: at("2025-03-04T11:00:00+08:00")),
        Step(event: "supervise", data: ["notice": .string("督办通知〔2025〕12号"), "due": .string("2025-03-25")],
             at: at("2025-03-18T09:00:00+08:00")),
        Step(event: "follow_up", data: ["tier": .string("grid"), "kind": .string("weekly_review")],
             at: at("2025-03-21T15:00:00+08:00")),
        Step(event: "resolve", data: ["basis": .string("边界经测绘确认，双方签字认可")], at: at("2025-03-24T10:00:00+08:00")),
    ]
}
