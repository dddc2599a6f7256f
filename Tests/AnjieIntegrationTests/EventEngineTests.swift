import AnjieDomain
@testable import AnjieStore
import Foundation
import PostgresNIO
import Testing

@Suite struct EventEngineTests {
    static let county = "450222"
    static let register: EventData = [
        "channel": .string("walk_in"), "category": .string("neighbour"), "township": .string("大埔镇"),
        "summary": .string("排水沟纠纷"),
        "parties": .array([.object(["role": .string("applicant"), "name": .string("张三"), "phone": .string("13800001234")])]),
    ]

    static func request(_ number: String?, _ event: String, _ data: EventData = [:], at: String, expect: Int? = nil) -> EventRequest {
        EventRequest(county: county, workflow: .dispute, caseNumber: number, event: event, data: data,
                     at: Timestamp.parse(at)!, actor: "test", expectedVersion: expect)
    }

    static func count(_ db: Database, _ sql: String) async throws -> Int {
        let rows = try await db.client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }

    static func attempt(_ store: CaseStore, _ request: EventRequest) async -> Result<RecordedEvent, any Error> {
        do { return .success(try await store.record(request)) } catch { return .failure(error) }
    }

    @Test func aDisputeGoesThroughTheSixStepsAndStateIsTheFoldOfItsEvents() async throws {
        try await TestDatabase.withFreshDatabase("sixsteps") { db, _ in
            let store = CaseStore(db)
            let opened = try await store.record(Self.request(nil, "register", Self.register, at: "2025-03-02T09:30:00+08:00"))
            let number = opened.summary.caseNumber
            #expect(number == "JF-2025-00001")
            let steps: [(String, EventData)] = [
                ("start_mediation", ["mediator": .string("王")]),
                ("mediation_failed", ["reason": .string("refused")]),
                ("assess", ["risk": .string("high"), "complexity": .string("difficult"), "basis": .string("b")]),
                ("route", ["unit": .string("u"), "legal_channel": .string("c"), "due": .string("2025-04-01")]),
                ("supervise", ["notice": .string("n"), "due": .string("2025-04-10")]),
                ("resolve", ["basis": .string("b")]),
            ]
            for (offset, step) in steps.enumerated() {
                try await store.record(Self.request(number, step.0, step.1, at: "2025-03-0\(offset + 3)T10:00:00+08:00"))
            }
            // Revealed: the rules check the phone, which is stored masked and sealed apart.
            let detail = try await store.show(county: Self.county, workflow: .dispute, caseNumber: number, revealPersonalData: true)
            #expect(detail.summary.state == "closed")
            #expect(detail.summary.outcome == "resolved")
            #expect(detail.summary.version == 7)
            #expect(detail.events.map(\.seq) == Array(1...7))
            #expect(detail.summary.closedAt == Timestamp.parse("2025-03-08T10:00:00+08:00"))
            #expect(detail.allowedEvents == ["reopen"])
            // Re-fold the stored events with the pure machine: same state, same version.
            var snapshot: CaseSnapshot?
            for event in detail.events {
                let decision = try Workflows.of(DisputeRules.self).decide(snapshot, event: event.event, data: event.data, at: event.at)
                snapshot = CaseSnapshot(state: decision.to, version: event.seq, lastEventAt: event.at, context: decision.context)
            }
            #expect(snapshot?.state == detail.summary.state && snapshot?.version == detail.summary.version)
            // Normalised values and typed columns.
            #expect(detail.events[0].data["channel"] == .string("walk_in"))
            #expect(try await Self.count(db, "SELECT count(*) FROM cases WHERE township = '大埔镇' AND category = 'neighbour' AND channel = 'walk_in'") == 1)
        }
    }

    /// The year range is the engine's rule, not only the parsers': a caller that builds its own
    /// EventRequest (a ledger row, a future entry path) cannot open JF-9999-….
    @Test func theEngineRefusesTimesOutsideTheRecordableYears() async throws {
        try await TestDatabase.withFreshDatabase("years") { db, _ in
            for at in ["9999-01-01T10:00:00+08:00", "1899-12-31T10:00:00+08:00"] {
                await #expect(throws: DomainError.self) {
                    try await CaseStore(db).record(Self.request(nil, "register", Self.register, at: at))
                }
            }
            let cases = try await Self.count(db, "SELECT count(*) FROM cases")
            let counters = try await Self.count(db, "SELECT count(*) FROM case_counters")
            #expect(cases == 0 && counters == 0)
        }
    }

    @Test func anIllegalEventWritesNothing() async throws {
        try await TestDatabase.withFreshDatabase("illegal") { db, _ in
            let store = CaseStore(db)
            let opened = try await store.record(Self.request(nil, "register", Self.register, at: "2025-03-02"))
            let number = opened.summary.caseNumber
            await #expect(throws: DomainError.self) {
                try await store.record(Self.request(number, "resolve", ["basis": .string("x")], at: "2025-03-03"))
            }
            await #expect(throws: DomainError.self) {
                try await store.record(Self.request(number, "skip_mediation", [:], at: "2025-03-03"))  // reason missing
            }
            await #expect(throws: DomainError.self) {
                try await store.record(Self.request(nil, "register", ["channel": .string("bogus")], at: "2025-03-03"))
            }
            #expect(try await Self.count(db, "SELECT count(*) FROM events") == 1)
            #expect(try await Self.count(db, "SELECT count(*) FROM cases") == 1)
            #expect(try await Self.count(db, "SELECT version FROM cases") == 1)
        }
    }

    @Test func twoWritersRaceOnTheSameVersionAndExactlyOneWins() async throws {
        try await TestDatabase.withFreshDatabase("race") { db, _ in
            let store = CaseStore(db)
            let number = try await store.record(Self.request(nil, "register", Self.register, at: "2025-03-02")).summary.caseNumber
            for round in 0..<5 {
                let version = try await store.show(county: Self.county, workflow: .dispute, caseNumber: number).summary.version
                let at = "2025-03-0\(3 + round)"
                async let first = Self.attempt(store, Self.request(number, "escalation", ["kind": .string("criminal")], at: at, expect: version))
                async let second = Self.attempt(store, Self.request(number, "escalation", ["kind": .string("suicide")], at: at, expect: version))
                let results = await [first, second]
                let wins = results.filter { if case .success = $0 { return true } else { return false } }
                #expect(wins.count == 1)
                for case .failure(let error) in results {
                    guard case StoreError.conflict(let conflicted, let expected, _) = error else {
                        Issue.record("expected a conflict, got \(error)")
                        continue
                    }
                    #expect(conflicted == number && expected == version)
                }
            }
            #expect(try await Self.count(db, "SELECT version FROM cases") == 6)
            #expect(try await Self.count(db, "SELECT count(*) FROM events") == 6)
        }
    }

    @Test func concurrentWritersWithoutAnExpectedVersionLoseNothing() async throws {
        try await TestDatabase.withFreshDatabase("nolost") { db, _ in
            let store = CaseStore(db)
            let number = try await store.record(Self.request(nil, "register", Self.register, at: "2025-03-02")).summary.caseNumber
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        _ = try await store.record(Self.request(number, "escalation", ["kind": .string("armed_fight")], at: "2025-03-03"), retries: 50)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Self.count(db, "SELECT version FROM cases") == 13)
            #expect(try await Self.count(db, "SELECT count(*) FROM events") == 13)
            #expect(try await Self.count(db, "SELECT count(DISTINCT seq) FROM events") == 13)
        }
    }

    @Test func aStaleExpectedVersionIsAConflict() async throws {
        try await TestDatabase.withFreshDatabase("stale") { db, _ in
            let store = CaseStore(db)
            let number = try await store.record(Self.request(nil, "register", Self.register, at: "2025-03-02")).summary.caseNumber
            await #expect(throws: StoreError.self) {
                try await store.record(Self.request(number, "escalation", ["kind": .string("criminal")], at: "2025-03-03", expect: 0))
            }
            await #expect(throws: StoreError.self) {
                try await store.record(Self.request(number, "register", Self.register, at: "2025-03-03", expect: 0))
            }
            #expect(try await Self.count(db, "SELECT count(*) FROM events") == 1)
        }
    }

    @Test func theEventsTableRefusesUpdateDeleteAndTruncate() async throws {
        try await TestDatabase.withFreshDatabase("appendonly") { db, _ in
            try await CaseStore(db).record(Self.request("TJ-1", "register", Self.register, at: "2025-03-02"))
            for sql in ["UPDATE events SET actor = 'forger'", "DELETE FROM events", "TRUNCATE events CASCADE"] {
                await #expect(throws: PSQLError.self, "\(sql)") {
                    try await db.client.query(PostgresQuery(unsafeSQL: sql))
                }
            }
            #expect(try await Self.count(db, "SELECT count(*) FROM events WHERE actor = 'test'") == 1)
        }
    }

    @Test func caseNumbersAreAssignedPerYearAndValidated() async throws {
        try await TestDatabase.withFreshDatabase("numbers") { db, _ in
            let store = CaseStore(db)
            let a = try await store.record(Self.request(nil, "register", Self.register, at: "2025-12-31T23:00:00+08:00"))
            let b = try await store.record(Self.request(nil, "register", Self.register, at: "2025-12-31T23:30:00+08:00"))
            let c = try await store.record(Self.request(nil, "register", Self.register, at: "2026-01-01T00:10:00+08:00"))
            #expect([a, b, c].map(\.summary.caseNumber) == ["JF-2025-00001", "JF-2025-00002", "JF-2026-00001"])
            await #expect(throws: DomainError.self) {
                try await store.record(Self.request("bad number!", "register", Self.register, at: "2025-03-02"))
            }
            let listed = try await store.list(CaseFilter(county: Self.county, year: 2025))
            #expect(listed.map(\.caseNumber) == ["JF-2025-00002", "JF-2025-00001"])
        }
    }
}
