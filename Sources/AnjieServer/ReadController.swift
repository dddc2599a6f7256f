import AnjieDomain
import AnjieStore
import Foundation
import Hummingbird
import NIOCore

/// Read-only resources: deadlines, the report, closure statistics, workflow descriptions.
struct ReadController {
    let db: Database

    func register(on group: RouterGroup<ServerContext>) {
        group.get("deadlines", use: deadlines)
        group.get("reports/:year", use: report)
        group.get("stats/closure", use: closure)
        group.get("workflows/:workflow", use: workflow)
    }

    @Sendable func deadlines(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.caller()
        let workflow = try request.workflowFilter()
        let overdueOnly: Bool
        switch request.text("overdue") {
        case nil, "false": overdueOnly = false
        case "true": overdueOnly = true
        case let other?: throw APIError.badRequest("bad-parameter", "overdue 应为 true 或 false：\(other)", "overdue must be true or false")
        }
        let kinds = DeadlineService.kinds(asked: try request.filter("kind", FilterValues.clockKind), overdueOnly: overdueOnly)
        let today = LocalDate(Date())
        // Outside the caller's townships a case is not read at all (the query's scope).
        let open = try await DeadlineService(db).open(.init(county: identity.county, workflow: workflow, township: request.text("township"),
                                                            scope: TownshipScope(identity.townships)), today: today)
        let entries = open.entries.filter { (!overdueOnly || $0.clock.status(on: today) == .overdue) && kinds.contains($0.clock.kind) }
        // Cases whose clocks reach a year without a loaded holiday calendar are named, not guessed.
        let uncomputable = open.uncomputable.map { item -> JSONValue in
            .object(["workflow": .string(item.workflow.rawValue), "case": .string(item.caseNumber),
                     "zh": .string(item.zh), "en": .string(item.en)])
        }
        return JSONBody.response(.object(["today": .string(today.description),
                                          "deadlines": .array(entries.map { RecordJSON.deadline($0, today: today) }),
                                          "uncomputable": .array(uncomputable)]))
    }

    @Sendable func report(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.caller()
        try identity.require(identity.canSeeStatistics, "此角色不能查看统计", "this role cannot read statistics")
        guard let year = Int(context.parameters.get("year") ?? ""), YearBounds.recordable.contains(year) else {
            throw APIError.badRequest("bad-parameter", "年份应为1900至2100的整数", "the year must be a whole number in 1900…2100")
        }
        let asked = request.text("township")
        try identity.require(asked.map(identity.canSee) ?? true, "该乡镇不在本账号的范围内", "that township is outside this token's townships")
        let report = try await ReportService(db).report(county: identity.county, year: year,
                                                        township: identity.statisticsTownship(asked: asked))
        return JSONBody.response(RecordJSON.report(report))
    }

    @Sendable func closure(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.caller()
        try identity.require(identity.canSeeStatistics, "此角色不能查看统计", "this role cannot read statistics")
        guard let year = try request.integer("year", in: YearBounds.recordable) else {
            throw APIError.badRequest("missing-parameter", "缺少参数 year", "parameter year is missing")
        }
        let by = try request.filter("by") { try FilterValues.word($0, among: ClosureStatistics.Grouping.allCases.map(\.rawValue), option: $1) }
            ?? "workflow"
        let grouping = ClosureStatistics.Grouping(rawValue: by)!
        // A township-scoped caller's figures count only its townships' cases.
        let rows = try await ClosureStatistics(db).closure(county: identity.county, year: year, by: grouping,
                                                           townships: identity.townships)
        return JSONBody.response(.object(["year": .number(Double(year)), "by": .string(by), "rows": .array(rows.map(RecordJSON.closure))]))
    }

    @Sendable func workflow(_ request: Request, context: ServerContext) async throws -> Response {
        _ = try context.caller()
        let name = context.parameters.get("workflow") ?? ""
        guard let id = WorkflowID.registered(name), let workflow = Workflows[id] else {
            throw APIError.notFound("没有流程 \(name)", "no workflow \(name)")
        }
        return JSONBody.response(RecordJSON.workflow(workflow))
    }
}

/// Import and export of the interchange format.
struct InterchangeController {
    let db: Database

    func register(on group: RouterGroup<ServerContext>) {
        group.post("import", use: importLines)
        group.get("export", use: export)
    }

    /// The body is JSON Lines; same all-or-nothing rules as `anjie import`.
    @Sendable func importLines(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.caller()
        try identity.require(identity.canImport, "只有管理员可以导入", "only admin tokens may import")
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard ["application/x-ndjson", "application/jsonl", "application/json-lines", "text/plain"].contains(where: type.hasPrefix) else {
            throw APIError(.unsupportedMediaType, type: "unsupported-media-type", title: ("不支持的内容类型", "Unsupported media type"),
                           detail: ("请求体应为 application/x-ndjson（JSON Lines）", "the body must be application/x-ndjson (JSON Lines)"))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-api-import-\(UUID().uuidString).jsonl").path
        FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw APIError.unavailable }
        for try await chunk in request.body {
            try handle.write(contentsOf: Data(buffer: chunk))
        }
        try handle.close()
        var importer = Importer(db, defaultActor: identity.actor)
        importer.onlyCounty = identity.county  // a token writes only its own county's records
        let report = try await importer.run(path: path, dryRun: request.text("dry_run") == "true")
        let body: JSONValue = .object([
            "lines": .number(Double(report.lines)), "events_written": .number(Double(report.eventsWritten)),
            "cases_created": .number(Double(report.casesCreated)), "duplicates_skipped": .number(Double(report.duplicatesSkipped)),
            "logs_written": .number(Double(report.logsWritten)), "logs_skipped": .number(Double(report.logsSkipped)),
            "committed": .bool(report.committed),
            "errors": .array(report.errors.map { .object(["line": .number(Double($0.line)), "zh": .string($0.zh), "en": .string($0.en)]) }),
        ])
        return JSONBody.response(body, status: report.errorCount > 0 ? .unprocessableContent : .ok)
    }

    @Sendable func export(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.caller()
        try identity.require(identity.canExport, "此角色不能导出", "this role cannot export")
        let workflow = try request.workflowFilter()
        let year = try request.integer("year", in: YearBounds.recordable)
        let (db, county, reveal) = (db, identity.county, identity.seesPersonalData)
        // Streamed: rows go out as PostgreSQL sends them, in 64 KiB writes. Sealed ID numbers and
        // phones are opened only for a role that may see them (today every role that may export).
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson; charset=utf-8"], body: .init { writer in
            var buffer = ByteBuffer()
            try await Exporter(db).run(county: county, workflow: workflow, year: year, revealPersonalData: reveal) { line in
                buffer.writeString(line)
                buffer.writeString("\n")
                if buffer.readableBytes >= 1 << 16 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
            try await writer.finish(nil)
        })
    }
}
