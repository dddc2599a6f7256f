import AnjieDomain
import Foundation
import PostgresNIO

/// `anjie import`: replays an interchange file through the same state machines and validation as
/// the CLI, in ONE transaction. Any bad line → every bad line is reported and nothing is written.
/// Lines already present (same case, event and time; same log id) are skipped, so importing a file
/// twice changes nothing.
///
/// The file is processed in chunks: each line is still parsed and decided on its own, in file
/// order, but a chunk's cases are loaded with one query and its rows written with a few multi-row
/// statements (`ImportSession`, `ImportWriter`), because a round trip per line made import
/// latency-bound.
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
    /// Cases whose state is kept in memory; beyond this the cache is emptied after a chunk (the file
    /// is in time order, so locality is good) and states are reloaded from the transaction.
    static let maxCachedCases = 20_000
    /// Lines per chunk: enough that round trips stop mattering, few enough that a chunk's parsed
    /// lines and rows stay a few megabytes.
    static let chunkLines = 2_000
    /// After committing at least this many rows, the tables are analysed: the planner's statistics
    /// of a freshly loaded table are what once made it pick a wrong index for point lookups.
    static let analyzeAfterRows = 10_000

    public let db: Database
    public var defaultActor = "import"
    /// When set (an API token's county), a line of any other county is refused.
    public var onlyCounty: String?
    /// The clock no line may be dated after (beyond `Timestamp.futureTolerance`): the server's,
    /// read when the import starts; a test fixes it.
    public var now: Date?

    public init(_ db: Database, defaultActor: String = "import") {
        self.db = db
        self.defaultActor = defaultActor
    }

    public func run(path: String, dryRun: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Report {
        var reader = try LineReader(path: path)
        let started = Date()
        do {
            var report = try await db.transaction { connection -> Report in
                var session = ImportSession(defaultActor: defaultActor, now: now ?? Date())
                let writer = ImportWriter(db: db, connection: connection)
                func nextChunk() -> [RawLine] {
                    var chunk: [RawLine] = []
                    while chunk.count < Self.chunkLines, let (number, bytes) = reader.next() {
                        session.report.lines = number
                        if number % 1000 == 0 { progress?(number, reader.bytesRead) }
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        chunk.append(RawLine(number: number, bytes: Array(bytes)))
                    }
                    return chunk
                }
                // Parsing is most of the client's work and needs no state: the next chunk is parsed
                // on the other cores while this one is decided and written.
                var parsed = await Self.parse(nextChunk(), onlyCounty: onlyCounty)
                while !parsed.isEmpty {
                    let raw = nextChunk()
                    async let following = Self.parse(raw, onlyCounty: onlyCounty)
                    try await session.process(parsed, with: writer)
                    parsed = await following
                }
                progress?(session.report.lines, reader.bytesRead)
                if session.report.errorCount > 0 || dryRun { throw RollBack(report: session.report) }
                return session.report
            }
            report.committed = true
            if report.eventsWritten + report.logsWritten >= Self.analyzeAfterRows { await analyze() }
            report.seconds = Date().timeIntervalSince(started)
            return report
        } catch let rollBack as RollBack {
            var report = rollBack.report
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
    }

    /// A line as read, copied out of the reader's buffer so that it can be parsed on another thread.
    struct RawLine: Sendable {
        let number: Int
        let bytes: [UInt8]
    }

    /// `Interchange.parse` of every line, in slices run in parallel; results keep the lines' order.
    static func parse(_ lines: [RawLine], onlyCounty: String? = nil) async -> [ParsedLine] {
        let slices = max(1, min(ProcessInfo.processInfo.activeProcessorCount, lines.count / 100))
        let size = (lines.count + slices - 1) / slices
        return await withTaskGroup(of: (Int, [ParsedLine]).self) { group in
            for slice in 0..<slices {
                let part = lines[min(slice * size, lines.count)..<min((slice + 1) * size, lines.count)]
                group.addTask {
                    (slice, part.map { line in ParsedLine(number: line.number, parsed: Result { try Self.parse(line.bytes, onlyCounty: onlyCounty) }) })
                }
            }
            var parts = [[ParsedLine]](repeating: [], count: slices)
            for await (slice, part) in group { parts[slice] = part }
            return parts.flatMap { $0 }
        }
    }

    static func parse(_ bytes: [UInt8], onlyCounty: String?) throws -> Interchange.Line {
        let line = try Interchange.parse(bytes)
        let county: String
        switch line {
        case .event(let event): county = event.county
        case .log(let log): county = log.county
        }
        if let onlyCounty, county != onlyCounty {
            throw DomainError.invalidInput("本行属于县 \(county)，只能导入本县（\(onlyCounty)）的记录",
                                           "this line belongs to county \(county); only county \(onlyCounty) may be imported here")
        }
        return line
    }

    /// Refreshes the planner's statistics after a large import. The import is committed by then, so a
    /// failure here must not report it as failed: the statistics are refreshed by autovacuum anyway.
    private func analyze() async {
        // Through the owner's SECURITY DEFINER function (migration 008): the application role may not ANALYZE.
        _ = try? await db.client.query("SELECT anjie_analyze_tables()", logger: db.logger)
    }
}
