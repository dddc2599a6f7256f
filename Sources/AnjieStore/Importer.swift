import AnjieDomain
import Foundation
import PostgresNIO

/// `anjie import`: replays an interchange file through the same state machines and validation as
/// the CLI, in ONE transaction. Any bad line → every bad line is reported and nothing is written.
/// Lines already present (same case, event and time; same log id) are skipped, so importing a file
/// twice changes nothing.
public struct Importer: Sendable {
    public struct LineError: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let zh: String
        public let en: String
        public var description: String { "line \(line): \(en) / \(zh)" }
    }

    public struct Report: Sendable {
        public var lines = 0
        public var eventsWritten = 0
        public var casesCreated = 0
        public var duplicatesSkipped = 0
        public var logsWritten = 0
        public var logsSkipped = 0
        public var errors: [LineError] = []
        /// Errors beyond the ones kept in `errors`.
        public var moreErrors = 0
        public var committed = false
        public var seconds = 0.0
        public var errorCount: Int { errors.count + moreErrors }
    }

    /// Thrown inside the transaction to roll it back while keeping the report.
    struct RollBack: Error { let report: Report }

    static let maxReportedErrors = 1000
    /// Cases whose state is kept in memory; beyond this the cache is emptied (the file is in time
    /// order, so locality is good) and states are reloaded from the transaction.
    static let maxCachedCases = 20_000

    public let db: Database
    public var defaultActor = "import"

    public init(_ db: Database, defaultActor: String = "import") {
        self.db = db
        self.defaultActor = defaultActor
    }

    struct CaseKey: Hashable {
        let county: String
        let workflow: WorkflowID
        let number: String
    }

    struct CaseMemory {
        var snapshot: CaseSnapshot?
        /// (event, at in ms) already recorded — a re-imported line matches one of these.
        var seen: Set<String>
    }

    public func run(path: String, dryRun: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Report {
        var reader = try LineReader(path: path)
        let started = Date()
        do {
            var report = try await db.transaction { connection -> Report in
                var report = Report()
                var cache: [CaseKey: CaseMemory] = [:]
                var failedCases: [CaseKey: Int] = [:]
                let cases = CaseStore(db)
                let logs = LogStore(db)
                while let (number, bytes) = reader.next() {
                    report.lines = number
                    if number % 1000 == 0 { progress?(number, reader.bytesRead) }
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    func fail(_ zh: String, _ en: String) {
                        if report.errors.count < Self.maxReportedErrors {
                            report.errors.append(LineError(line: number, zh: zh, en: en))
                        } else {
                            report.moreErrors += 1
                        }
                    }
                    do {
                        switch try Interchange.parse(bytes) {
                        case .log(let line):
                            let written = try await logs.add(LogRequest(county: line.county, kind: line.kind, id: line.id, at: line.at,
                                                                        actor: line.actor ?? defaultActor, data: line.data), on: connection)
                            if case .added = written { report.logsWritten += 1 } else { report.logsSkipped += 1 }
                        case .event(let line):
                            let key = CaseKey(county: line.county, workflow: line.workflow, number: line.caseNumber)
                            if let first = failedCases[key] {
                                fail("案件 \(line.caseNumber) 在第 \(first) 行已出错，本行未处理",
                                     "skipped: case \(line.caseNumber) has an error at line \(first)")
                                continue
                            }
                            let workflow = try Workflows.named(line.workflow.rawValue)
                            var memory: CaseMemory
                            if let cached = cache[key] {
                                memory = cached
                            } else {
                                memory = try await load(key, on: connection)
                            }
                            let seenKey = "\(line.event)@\(Int64((line.at.timeIntervalSince1970 * 1000).rounded()))"
                            if memory.seen.contains(seenKey) {
                                report.duplicatesSkipped += 1
                                continue
                            }
                            let request = EventRequest(county: line.county, workflow: line.workflow, caseNumber: line.caseNumber,
                                                       event: line.event, data: line.data, at: line.at,
                                                       actor: line.actor ?? defaultActor)
                            try CaseStore.checkActor(request.actor)
                            let decision: Decision
                            do {
                                decision = try workflow.decide(memory.snapshot, event: line.event, data: line.data, at: line.at)
                            } catch {
                                failedCases[key] = number
                                throw error
                            }
                            _ = try await cases.write(decision, request, snapshot: memory.snapshot, on: connection)
                            if memory.snapshot == nil { report.casesCreated += 1 }
                            memory.snapshot = CaseSnapshot(state: decision.to, version: (memory.snapshot?.version ?? 0) + 1,
                                                           lastEventAt: line.at, context: decision.context)
                            memory.seen.insert(seenKey)
                            if cache.count >= Self.maxCachedCases { cache.removeAll(keepingCapacity: true) }
                            cache[key] = memory
                            report.eventsWritten += 1
                        }
                    } catch let error as DomainError {
                        fail(error.zh, error.en)
                    }
                }
                progress?(report.lines, reader.bytesRead)
                if report.errorCount > 0 || dryRun { throw RollBack(report: report) }
                return report
            }
            report.committed = true
            report.seconds = Date().timeIntervalSince(started)
            return report
        } catch let rollBack as RollBack {
            var report = rollBack.report
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
    }

    private func load(_ key: CaseKey, on connection: PostgresConnection) async throws -> CaseMemory {
        let store = CaseStore(db)
        guard let snapshot = try await store.loadSnapshot(key.county, key.workflow, key.number, on: connection) else {
            return CaseMemory(snapshot: nil, seen: [])
        }
        let rows = try await connection.query("""
            SELECT event, (extract(epoch FROM at) * 1000)::bigint FROM events
            WHERE county = \(key.county) AND workflow = \(key.workflow.rawValue) AND case_no = \(key.number)
            """, logger: db.logger)
        var seen = Set<String>()
        for try await (event, millis) in rows.decode((String, Int64).self) { seen.insert("\(event)@\(millis)") }
        return CaseMemory(snapshot: snapshot, seen: seen)
    }
}
