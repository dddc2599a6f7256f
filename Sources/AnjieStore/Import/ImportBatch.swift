import AnjieDomain
import Foundation

/// The rows one chunk of an import writes, gathered column by column: each column is bound as ONE
/// PostgreSQL array, so a chunk costs a handful of statements whatever its number of lines.
/// The rows are exactly those `CaseStore.write` and `LogStore.add` would have written line by line;
/// each case's row is a `CaseRow`, written with the engine's own `CaseRowSQL`.
struct ImportBatch {
    struct EventColumns {
        var county: [String] = [], workflow: [String] = [], caseNumber: [String] = []
        var seq: [Int] = [], event: [String] = [], at: [Date] = [], actor: [String] = [], data: [String] = []
        var hash: [[UInt8]] = []
    }

    struct LogColumns {
        var county: [String] = [], id: [String] = [], kind: [String] = []
        var at: [Date] = [], actor: [String] = [], data: [String] = []
        var site = NullableArray<String>(), attendees = NullableArray<Int>(), creditCode = NullableArray<String>()
    }

    private struct LogID: Hashable {
        let county: String
        let id: String
    }

    private(set) var cases: [CaseRow] = []
    private var caseIndex: [Importer.CaseKey: Int] = [:]
    private(set) var events = EventColumns()
    private(set) var logs = LogColumns()
    /// The sealed ID numbers and phones of the chunk's events (written after the events).
    private(set) var personal = PersonalDataVault.Columns()
    let keys: PersonalDataKeys

    init(keys: PersonalDataKeys) {
        self.keys = keys
    }
    private var logIDs: Set<LogID> = []
    /// Records whose id came earlier in the same chunk: skipped like a record already stored.
    private(set) var logsRepeated = 0

    /// Adds an accepted event; `snapshot` is the state it was decided on and `previousHash` the hash
    /// of the case's event before it. Returns the event's hash (see `EventChain`).
    mutating func add(_ decision: Decision, _ request: EventRequest, key: Importer.CaseKey, decidedOn snapshot: CaseSnapshot?,
                      previousHash: [UInt8]?) throws -> [UInt8] {
        let version = (snapshot?.version ?? 0) + 1
        // As in `CaseStore.write`: the event keeps the masked form, the clear values are sealed.
        let (stored, values) = PersonalData.separate(decision.data)
        try personal.append(values, county: key.county, workflow: key.workflow.rawValue, caseNumber: key.number, seq: version, keys: keys)
        let dataJSON = CanonicalEvent.dataJSON(stored)
        let hash = EventChain.hash(previous: previousHash, county: key.county, workflow: key.workflow.rawValue,
                                   caseNumber: key.number, seq: version, event: decision.event, at: request.at,
                                   actor: request.actor, dataJSON: dataJSON)
        if let index = caseIndex[key] {
            cases[index].apply(decision, version: version, at: request.at, hash: hash)
        } else {
            caseIndex[key] = cases.count
            cases.append(CaseRow(key, decidedOn: snapshot, first: decision, at: request.at, hash: hash))
        }

        events.county.append(key.county)
        events.workflow.append(key.workflow.rawValue)
        events.caseNumber.append(key.number)
        events.seq.append(version)
        events.event.append(decision.event)
        events.at.append(request.at)
        events.actor.append(request.actor)
        events.data.append(String(decoding: dataJSON, as: UTF8.self))
        events.hash.append(hash)
        return hash
    }

    /// Adds a validated log record (`data` normalised by `LogStore.validated`).
    mutating func add(_ request: LogRequest, id: String, data: EventData) throws {
        guard logIDs.insert(LogID(county: request.county, id: id)).inserted else {
            logsRepeated += 1
            return
        }
        let typed = LogStore.typedColumns(data)
        logs.county.append(request.county)
        logs.id.append(id)
        logs.kind.append(request.kind.rawValue)
        logs.at.append(request.at)
        logs.actor.append(request.actor)
        logs.data.append(try CaseStore.jsonText(.object(data)))
        logs.site.append(typed.site)
        logs.attendees.append(typed.attendees)
        logs.creditCode.append(typed.creditCode)
    }
}
