import AnjieDomain
import Foundation
import PostgresNIO

/// `anjie audit verify`: re-walks every case's hash chain and re-folds its events, naming each
/// case and sequence where the stored record no longer matches what was written.
public struct AuditService: Sendable {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public let county: String
        public let workflow: String
        public let caseNumber: String
        public let seq: Int?
        public let zh: String
        public let en: String

        public var description: String {
            "\(county) \(workflow) \(caseNumber)" + (seq.map { " #\($0)" } ?? "") + ": \(en) / \(zh)"
        }
    }

    public struct Result: Sendable {
        public var cases = 0
        public var events = 0
        public var findings: [Finding] = []
        /// Events whose sealed values are under a key this process does not hold, by key: their
        /// hashes were checked, but their cases could not be re-folded. One summary, not a finding
        /// per event: the cause is the missing key, not the record.
        public var unopenedEvents: [String: Int] = [:]
        public var unopenedCases = 0

        /// The summary line for `unopenedEvents`, nil when every value opened.
        public var unopenedSummary: (zh: String, en: String)? {
            guard !unopenedEvents.isEmpty else { return nil }
            let events = unopenedEvents.values.reduce(0, +)
            let ids = unopenedEvents.keys.sorted().joined(separator: ", ")
            let hint = PersonalDataKeys.whereTheKeyComesFrom(target: nil)
            return ("\(unopenedCases) 件案件的 \(events) 个事件含由密钥 \(ids) 加密的个人信息，本程序没有该密钥：哈希链已核查，但这些案件未能按规则重放。\(hint.zh)",
                    "\(events) events in \(unopenedCases) cases hold personal data sealed with key \(ids), which this process does not hold: their hash chains were checked but the cases were not replayed. \(hint.en)")
        }
    }

    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public func verify(county: String?) async throws -> Result {
        var result = Result()
        let rows = try await db.client.query("""
            SELECT e.county, e.workflow, e.case_no, e.seq, e.event, e.at, e.actor, e.data::text, e.hash,
                   c.state, c.version, c.last_hash, pii.paths, pii.keys, pii.sealed
            FROM events e JOIN cases c USING (county, workflow, case_no)
            \(unescaped: PersonalDataVault.lateralJoin)
            WHERE (\(county)::text IS NULL OR e.county = \(county))
            ORDER BY e.county, e.workflow, e.case_no, e.seq
            """, logger: db.logger)
        var current: (county: String, workflow: String, number: String, state: String, version: Int, lastHash: [UInt8]?)?
        var previous: [UInt8]?
        var expectedSeq = 1
        // The case's events in the clear; nil once one could not be opened (the fold is skipped).
        var history: [LoggedEvent]? = []
        func finish() {
            guard let c = current else { return }
            result.cases += 1
            if c.lastHash != previous {
                result.findings.append(Finding(county: c.county, workflow: c.workflow, caseNumber: c.number, seq: nil,
                                               zh: "案件记录的最后哈希与事件链不符", en: "the case's last hash does not match its chain"))
            }
            // The state is the fold of the history with its corrections applied (every rule re-checked).
            guard let history, !history.isEmpty, let definition = WorkflowID.registered(c.workflow).flatMap({ Workflows[$0] }) else { return }
            do {
                let refold = try definition.refold(history)
                let version = history.last!.seq
                if refold.state != c.state || version != c.version {
                    result.findings.append(Finding(county: c.county, workflow: c.workflow, caseNumber: c.number, seq: nil,
                                                   zh: "案件状态 \(c.state) v\(c.version) 与事件推演结果 \(refold.state) v\(version) 不符",
                                                   en: "stored state \(c.state) v\(c.version) differs from the fold of its events: \(refold.state) v\(version)"))
                }
            } catch {
                result.findings.append(Finding(county: c.county, workflow: c.workflow, caseNumber: c.number, seq: nil,
                                               zh: "事件不能按流程规则重放", en: "the events do not replay through the workflow rules"))
            }
        }
        let vault = PersonalDataVault(db)
        let held = Set(db.personalData.keys.map(\.id))
        var caseUnopened = false
        for try await (countyCode, workflow, number, seq, event, at, actor, dataText, hash, state, version, lastHash, paths, keyIDs, sealed)
            in rows.decode((String, String, String, Int, String, Date, String, String, ByteBuffer?, String, Int, ByteBuffer?,
                            [String]?, [String]?, [ByteBuffer]?).self) {
            if current?.county != countyCode || current?.workflow != workflow || current?.number != number {
                finish()
                current = (countyCode, workflow, number, state, version, lastHash.map { Array($0.readableBytesView) })
                previous = nil
                expectedSeq = 1
                history = []
                caseUnopened = false
            }
            result.events += 1
            func finding(_ zh: String, _ en: String) {
                result.findings.append(Finding(county: countyCode, workflow: workflow, caseNumber: number, seq: seq, zh: zh, en: en))
            }
            if seq != expectedSeq { finding("事件序号不连续（应为 \(expectedSeq)）", "sequence gap (expected \(expectedSeq))") }
            expectedSeq = seq + 1
            let data = (try? CaseStore.parseJSON(dataText).objectValue) ?? [:]
            let computed = EventChain.hash(previous: previous, county: countyCode, workflow: workflow, caseNumber: number, seq: seq,
                                           event: event, at: at, actor: actor, data: data)
            let stored = hash.map { Array($0.readableBytesView) }
            // Each event is checked against the stored hash before it, so an edit is named where it is.
            if stored != computed {
                finding("事件内容与其哈希不符（记录被修改）", "the event does not match its hash (the record was edited)")
            }
            previous = stored
            // The rules check ID numbers, so the fold needs them in the clear: a sealed value that
            // does not open (another key, or moved to another record) is a finding of its own.
            if let missing = keyIDs?.first(where: { !held.contains($0) }) {
                result.unopenedEvents[missing, default: 0] += 1
                if !caseUnopened { result.unopenedCases += 1 }
                caseUnopened = true
                history = nil
                continue
            }
            let clear: EventData
            do {
                clear = try vault.reveal(data, county: countyCode, workflow: workflow, caseNumber: number, seq: seq,
                                         paths: paths, keyIDs: keyIDs, sealed: sealed)
            } catch {
                finding("个人信息无法解密（密钥不符或记录被移动）", "sealed personal data does not open (another key, or moved)")
                history = nil
                continue
            }
            history?.append(LoggedEvent(seq: seq, event: event, at: at, actor: actor, data: clear))
        }
        finish()
        result.findings += try await futureTimes(county: county)
        return result
    }
}
