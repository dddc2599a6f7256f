import AnjieDomain
import Foundation

extension Importer {
    struct CaseKey: Hashable {
        let county: String
        let workflow: WorkflowID
        let number: String
    }

    /// An event already recorded for a case: a re-imported line matches one of these.
    struct EventKey: Hashable {
        let event: String
        /// `at` in whole milliseconds, as the database computes it for stored events.
        let millis: Int64

        init(event: String, millis: Int64) {
            (self.event, self.millis) = (event, millis)
        }

        init(event: String, at: Date) {
            self.init(event: event, millis: Int64((at.timeIntervalSince1970 * 1000).rounded()))
        }
    }

    struct CaseMemory {
        /// Nil: the case does not exist (yet).
        var snapshot: CaseSnapshot?
        /// The hash of the case's newest event (`cases.last_hash`), the start of the next one's.
        var lastHash: [UInt8]?
        var seen: Set<EventKey>

        static let absent = CaseMemory(snapshot: nil, lastHash: nil, seen: [])
    }

    /// A line read and parsed, waiting for its chunk to be decided. Parse errors are kept, not
    /// reported yet, so that every error is reported in line order.
    struct ParsedLine: Sendable {
        let number: Int
        let parsed: Result<Interchange.Line, any Error>
    }
}

/// What an import carries from chunk to chunk: the report, the cases whose line failed, and a
/// bounded cache of case states. Between chunks the cache matches the transaction's rows exactly
/// (every decided event has been flushed), so emptying it only costs reloads.
struct ImportSession {
    let defaultActor: String
    /// The recording server's clock, read once per import: no line may be dated after it
    /// (beyond `Timestamp.futureTolerance`).
    let now: Date
    var report = Importer.Report()
    private var cache: [Importer.CaseKey: Importer.CaseMemory] = [:]
    /// Case → line of its first error: its later lines are reported as skipped.
    private var failedCases: [Importer.CaseKey: Int] = [:]
    /// Whether the planner's statistics of `cases` have been checked (`ImportWriter.write`).
    private var statisticsChecked = false
    /// County → its township register (nil inside: none loaded, townships accepted as typed).
    private var registers: [String: TownshipRegister?] = [:]

    init(defaultActor: String, now: Date) {
        self.defaultActor = defaultActor
        self.now = now
    }

    /// Decides a chunk's lines in file order against the cached states, then writes what was
    /// accepted: one query loads the cases the cache lacks, a few statements write the chunk.
    mutating func process(_ lines: [Importer.ParsedLine], with writer: ImportWriter) async throws {
        guard !lines.isEmpty else { return }
        try await loadMissingCases(of: lines, with: writer)
        try await loadRegisters(of: lines, with: writer)
        var batch = ImportBatch(keys: writer.db.personalData)
        for line in lines {
            do {
                switch try line.parsed.get() {
                case .log(let log):
                    let request = LogRequest(county: log.county, kind: log.kind, id: log.id, at: log.at,
                                             actor: log.actor ?? defaultActor, data: log.data)
                    try batch.add(request, id: log.id, data: try LogStore.validated(request))
                case .event(let event) where Correction.isCorrection(event.event):
                    // A correction needs the case's whole history: what is decided so far is
                    // written first, then the correction goes through the engine's own path.
                    try await flush(batch, with: writer)
                    batch = ImportBatch(keys: writer.db.personalData)
                    try await correct(event, line: line.number, with: writer)
                case .event(let event):
                    try decide(event, line: line.number, into: &batch)
                }
            } catch let error as DomainError {
                fail(line.number, error.zh, error.en)
            }
        }
        try await flush(batch, with: writer)
        if cache.count >= Importer.maxCachedCases { cache.removeAll(keepingCapacity: true) }
    }

    /// Writes what a chunk (or the part before a correction) decided.
    private mutating func flush(_ batch: ImportBatch, with writer: ImportWriter) async throws {
        let checkStatistics = !statisticsChecked && !batch.events.seq.isEmpty
        let logsWritten = try await writer.write(batch, checkStatistics: checkStatistics)
        statisticsChecked = statisticsChecked || checkStatistics
        report.logsWritten += logsWritten
        report.logsSkipped += batch.logs.id.count - logsWritten + batch.logsRepeated
    }

    /// A `correct` line: decided against the case's history in this transaction, written like the
    /// engine writes one; a re-imported correction (same time) is skipped like any duplicate.
    private mutating func correct(_ line: Interchange.EventLine, line number: Int, with writer: ImportWriter) async throws {
        let key = Importer.CaseKey(county: line.county, workflow: line.workflow, number: line.caseNumber)
        if let first = failedCases[key] {
            fail(number, "案件 \(line.caseNumber) 在第 \(first) 行已出错，本行未处理",
                 "skipped: case \(line.caseNumber) has an error at line \(first)")
            return
        }
        // The chunk's cases were loaded, and what it decided so far is written: the cache is current.
        var memory = cache[key] ?? .absent
        if cache[key] == nil { memory = try await writer.load([key])[key] ?? .absent }
        if memory.seen.contains(Importer.EventKey(event: line.event, at: line.at)) {
            report.duplicatesSkipped += 1
            return
        }
        guard let snapshot = memory.snapshot else {
            failedCases[key] = number
            throw DomainError.invalidInput("更正的案件 \(line.caseNumber) 不存在", "the corrected case \(line.caseNumber) does not exist")
        }
        let request = EventRequest(county: line.county, workflow: line.workflow, caseNumber: line.caseNumber,
                                   event: line.event, data: line.data, at: line.at, actor: line.actor ?? defaultActor)
        try CaseStore.checkActor(request.actor)
        try Timestamp.checkRecordable(request.at)
        try Timestamp.checkNotFuture(request.at, now: now)
        do {
            _ = try await CaseStore(writer.db).correct(request, workflow: try Workflows.named(line.workflow.rawValue),
                                                       snapshot: snapshot, previousHash: memory.lastHash, role: nil,
                                                       on: writer.connection)
        } catch let error as DomainError {
            failedCases[key] = number
            throw error
        }
        cache[key] = try await writer.load([key])[key]
        report.eventsWritten += 1
    }

    private mutating func decide(_ line: Interchange.EventLine, line number: Int, into batch: inout ImportBatch) throws {
        let key = Importer.CaseKey(county: line.county, workflow: line.workflow, number: line.caseNumber)
        if let first = failedCases[key] {
            fail(number, "案件 \(line.caseNumber) 在第 \(first) 行已出错，本行未处理",
                 "skipped: case \(line.caseNumber) has an error at line \(first)")
            return
        }
        let workflow = try Workflows.named(line.workflow.rawValue)
        var memory = cache[key] ?? .absent
        let seenKey = Importer.EventKey(event: line.event, at: line.at)
        if memory.seen.contains(seenKey) {
            report.duplicatesSkipped += 1
            return
        }
        let request = EventRequest(county: line.county, workflow: line.workflow, caseNumber: line.caseNumber,
                                   event: line.event, data: line.data, at: line.at, actor: line.actor ?? defaultActor)
        try CaseStore.checkActor(request.actor)
        try Timestamp.checkRecordable(request.at)
        try Timestamp.checkNotFuture(request.at, now: now)
        let decision: Decision
        do {
            var data = line.data
            if let register = registers[line.county] ?? nil, let spec = workflow.event(named: line.event)?.spec {
                data = try register.canonicalizing(data, spec: spec)
            }
            decision = try workflow.decide(memory.snapshot, event: line.event, data: data, at: line.at)
        } catch {
            failedCases[key] = number
            throw error
        }
        memory.lastHash = try batch.add(decision, request, key: key, decidedOn: memory.snapshot, previousHash: memory.lastHash)
        if memory.snapshot == nil { report.casesCreated += 1 }
        memory.snapshot = CaseSnapshot(state: decision.to, version: (memory.snapshot?.version ?? 0) + 1,
                                       lastEventAt: line.at, context: decision.context)
        memory.seen.insert(seenKey)
        cache[key] = memory
        report.eventsWritten += 1
    }

    /// The township register of each county met (issue 16), read once per import, when its first chunk comes.
    private mutating func loadRegisters(of lines: [Importer.ParsedLine], with writer: ImportWriter) async throws {
        for line in lines {
            guard case .success(.event(let event)) = line.parsed, registers[event.county] == nil else { continue }
            registers[event.county] = try await writer.db.countyRegisters.register(for: event.county, on: writer.connection,
                                                                                    logger: writer.db.logger)
        }
    }

    /// Puts every case of the chunk that the cache lacks into it, in one query (absent cases too,
    /// as "no snapshot"). Cases with a failed line are left out: their lines are only reported.
    private mutating func loadMissingCases(of lines: [Importer.ParsedLine], with writer: ImportWriter) async throws {
        var missing: [Importer.CaseKey] = []
        var listed = Set<Importer.CaseKey>()
        for line in lines {
            guard case .success(.event(let event)) = line.parsed else { continue }
            let key = Importer.CaseKey(county: event.county, workflow: event.workflow, number: event.caseNumber)
            if cache[key] == nil, failedCases[key] == nil, listed.insert(key).inserted { missing.append(key) }
        }
        guard !missing.isEmpty else { return }
        let found = try await writer.load(missing)
        for key in missing { cache[key] = found[key] ?? .absent }
    }

    private mutating func fail(_ line: Int, _ zh: String, _ en: String) {
        if report.errors.count < Importer.maxReportedErrors {
            report.errors.append(Importer.LineError(line: line, zh: zh, en: en))
        } else {
            report.moreErrors += 1
        }
    }
}
