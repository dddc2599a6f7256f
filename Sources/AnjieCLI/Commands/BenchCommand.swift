import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation
import PostgresNIO

/// Hidden benchmarking commands for `bench/run` (issue 8). Not for clerks: they write synthetic
/// events into whatever database they are pointed at.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "基准测试（内部）/ Benchmarks for bench/run (internal)",
        shouldDisplay: false,
        subcommands: [Record.self, Report.self]
    )

    /// `anjie bench record --writers N --seconds S`: N concurrent writers record events on existing
    /// cases through `CaseStore.record` — the same path as the CLI, the API and import (decide with
    /// the state machine, one guarded write, hash chain) — for S seconds, and print one JSON line.
    /// Each writer owns the cases whose index ≡ writer (mod N), so writers never race on a case
    /// (the pgbench baseline partitions its cases the same way).
    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "N 个并发写入者连续记录事件 / N concurrent writers recording events on existing cases")
        @OptionGroup var global: GlobalOptions
        @Option(help: "并发写入者 Concurrent writers") var writers: Int = 1
        @Option(help: "测量秒数 Seconds measured") var seconds: Double = 10
        @Option(help: "预热秒数 Warm-up seconds (not counted)") var warmup: Double = 1
        @Option(help: "流程 Workflow") var workflow: String = "dispute"
        @Option(help: "事件 Event (must keep the case open, e.g. escalation)") var event: String = DisputeRules.Event.escalation.rawValue
        @Option(help: "事件数据 Event data as a JSON object") var data: String = #"{"kind":"criminal"}"#
        @Option(help: "最多使用的案件数 At most this many cases") var cases: Int = 100_000

        func validate() throws {
            guard (1...256).contains(writers) else { throw ValidationError("--writers must be 1…256") }
            guard seconds > 0, warmup >= 0 else { throw ValidationError("--seconds must be > 0, --warmup ≥ 0") }
        }

        func run() async throws {
            let (writers, seconds, warmup, event, limit) = (writers, seconds, warmup, event, cases)
            let county = try await Defaults.county(global.county, dataDir: global.dataDir)
            let dataDir = global.dataDir
            let payload = try await Runtime.reportingErrors { try JSONOutput.parseObject(data, what: "--data") }
            let definition = try await Runtime.reportingErrors { try Workflows.named(workflow) }
            let result = try await Runtime.reportingErrors {
                var configuration = try DatabaseTarget.fromEnvironment(dataDir: dataDir).configuration()
                configuration.options.maximumConnections = writers + 1
                configuration.options.minimumConnections = writers
                return try await Database.with(configuration, logger: Runtime.logger) { db in
                    try await Runtime.ensureMigrated(db)
                    let numbers = try await Self.candidates(db, county: county, definition: definition, event: event, limit: limit)
                    guard numbers.count >= writers else {
                        throw StoreError.environment("可用案件不足", "only \(numbers.count) cases allow \(event); need ≥ \(writers)")
                    }
                    return try await Self.measure(CaseStore(db), county: county, workflow: definition, event: event,
                                                  data: payload, numbers: numbers, writers: writers,
                                                  warmup: warmup, seconds: seconds)
                }
            }
            print(result)
        }

        /// Open cases that allow the event and whose last event is in the past, in case-number order.
        static func candidates(_ db: Database, county: String, definition: Workflow, event: String,
                               limit: Int) async throws -> [String] {
            let rows = try await db.client.query("""
                SELECT case_no, state FROM cases
                WHERE county = \(county) AND workflow = \(definition.id.rawValue) AND last_event_at < now()
                ORDER BY case_no
                """, logger: db.logger)
            var numbers: [String] = []
            for try await (number, state) in rows.decode((String, String).self)
            where numbers.count < limit && definition.allowedEvents(in: state).contains(event) {
                numbers.append(number)
            }
            return numbers
        }

        struct WriterResult: Sendable {
            var counted = 0, errors = 0
            var latencies: [Double] = []
        }

        static func measure(_ store: CaseStore, county: String, workflow: Workflow, event: String, data: EventData,
                            numbers: [String], writers: Int, warmup: Double, seconds: Double) async throws -> String {
            let start = Date()
            let measureFrom = start.addingTimeInterval(warmup)
            let end = measureFrom.addingTimeInterval(seconds)
            let results = try await withThrowingTaskGroup(of: WriterResult.self, returning: [WriterResult].self) { group in
                for writer in 0..<writers {
                    let mine = stride(from: writer, to: numbers.count, by: writers).map { numbers[$0] }
                    group.addTask {
                        var result = WriterResult()
                        var index = 0
                        // Strictly increasing times per writer: a writer's cases never get two events
                        // with the same instant, and every time is after the case's last event.
                        var last = Date(timeIntervalSince1970: 0)
                        while true {
                            let now = Date()
                            if now >= end { break }
                            let at = max(now, last.addingTimeInterval(0.001))
                            last = at
                            let request = EventRequest(county: county, workflow: workflow.id, caseNumber: mine[index % mine.count],
                                                       event: event, data: data, at: at, actor: "bench-\(writer)")
                            index += 1
                            let began = ContinuousClock.now
                            var failed = false
                            do {
                                try await store.record(request)
                            } catch {
                                failed = true
                                if result.errors == 0 { Terminal.error("bench: \(error)") }
                            }
                            let elapsed = ContinuousClock.now - began
                            if now >= measureFrom {
                                if failed { result.errors += 1 } else { result.counted += 1 }
                                let (s, atto) = elapsed.components
                                result.latencies.append(Double(s) * 1000 + Double(atto) / 1e15)
                            }
                        }
                        return result
                    }
                }
                var all: [WriterResult] = []
                for try await result in group { all.append(result) }
                return all
            }
            let measured = Date().timeIntervalSince(measureFrom)
            let count = results.reduce(0) { $0 + $1.counted }
            let errors = results.reduce(0) { $0 + $1.errors }
            let latencies = results.flatMap(\.latencies).sorted()
            func percentile(_ p: Double) -> Double {
                latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
            }
            return String(format: #"{"writers":%d,"cases":%d,"events":%d,"errors":%d,"seconds":%.3f,"tps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f}"#,
                          writers, numbers.count, count, errors, measured, Double(count) / measured,
                          percentile(0.5), percentile(0.99))
        }
    }

    /// `anjie bench report --year Y`: the full annual report (every indicator, `ReportService`) for
    /// every county in the database, one after another on one connection, as a province-wide report
    /// would be computed today. Prints one JSON line.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "为库中每个县计算年报 / The annual report of every county in the database")
        @OptionGroup var global: GlobalOptions
        @Option(help: "年份 Year") var year: Int = 2025

        func run() async throws {
            let (year, dataDir) = (year, global.dataDir)
            let result = try await Runtime.withDatabase(dataDir: dataDir) { db in
                let rows = try await db.client.query("SELECT DISTINCT county FROM cases ORDER BY county", logger: db.logger)
                var counties: [String] = []
                for try await county in rows.decode(String.self) { counties.append(county) }
                let started = ContinuousClock.now
                var figures = 0
                for county in counties {
                    let report = try await ReportService(db).report(county: county, year: year)
                    figures += report.results.count
                }
                let (s, atto) = (ContinuousClock.now - started).components
                return String(format: #"{"counties":%d,"figures":%d,"seconds":%.3f}"#,
                              counties.count, figures, Double(s) + Double(atto) / 1e18)
            }
            print(result)
        }
    }
}
