import AnjieDomain
import AnjieStore
import Foundation
import HTTPTypes
import Hummingbird
import Metrics

/// /v1/cases: list, open, show, record events — parse, call the store (the same write path as the
/// CLI's), render.
struct CasesController {
    let db: Database

    func register(on group: RouterGroup<ServerContext>) {
        group.get("cases", use: list)
        group.post("cases/:workflow", use: open)
        group.get("cases/:workflow/:case", use: show)
        group.post("cases/:workflow/:case/events", use: record)
    }

    func workflow(_ context: ServerContext) throws -> Workflow {
        let name = context.parameters.get("workflow") ?? ""
        guard let id = WorkflowID.registered(name), let workflow = Workflows[id] else {
            throw APIError.notFound("没有流程 \(name)", "no workflow \(name)")
        }
        return workflow
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.caller()
        let workflow = try request.workflowFilter()
        var cursor: CaseCursor?
        if let token = request.text("cursor") {
            // Only a cursor this server could have made: a known workflow, a valid case number and a time
            // in 1900…2100 (an extreme time would overflow when bound as a PostgreSQL timestamp).
            guard let parsed = CaseCursor(token: token), WorkflowID.registered(parsed.workflow) != nil,
                  (try? CaseNumber.validate(parsed.caseNumber)) != nil,
                  (-2_208_988_800.0 ..< 4_133_980_800.0).contains(parsed.openedAt.timeIntervalSince1970) else {
                throw APIError.badRequest("bad-parameter", "cursor 无效", "invalid cursor")
            }
            cursor = parsed
        }
        let limit = try request.integer("limit", in: 1...500) ?? 100
        let state = try request.filter("state") { try FilterValues.state($0, workflow: workflow.flatMap { Workflows[$0] }, option: $1) }
        let filter = CaseFilter(county: identity.county, workflow: workflow, state: state,
                                township: request.text("township"), year: try request.integer("year", in: 1900...2100),
                                limit: limit + 1, townships: identity.townships, after: cursor,
                                category: try request.filter("category", FilterValues.category))
        let found = try await CaseStore(db).list(filter)
        let page = Array(found.prefix(limit))
        let next = found.count > limit ? page.last.map { CaseCursor(after: $0).token } : nil
        // How many match in all, whatever the page: a listing of 200 of 2,746 says so.
        let total = try await CaseStore(db).count(filter)
        return JSONBody.response(.object([
            "cases": .array(page.map { .object(RecordJSON.summary($0)) }),
            "next_cursor": next.map(JSONValue.string) ?? .null,
            "total": .number(Double(total)),
        ]))
    }

    @Sendable func show(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.caller()
        let workflow = try workflow(context)
        let number = context.parameters.get("case") ?? ""
        let detail = try await visibleCase(identity, workflow.id, number)
        let today = LocalDate(Date())
        let clocks = try await DeadlineService(db).clocks(county: identity.county, workflow: workflow.id, events: detail.events, today: today)
        return JSONBody.response(RecordJSON.detail(detail, clocks: clocks, today: today, reveal: identity.seesPersonalData),
                                 headers: [.eTag: "\"\(detail.summary.version)\""])
    }

    /// A case the caller may see, or 404 — also for cases outside its townships (the read's WHERE
    /// takes them), so existence does not leak.
    func visibleCase(_ identity: Identity, _ workflow: WorkflowID, _ number: String) async throws -> CaseDetail {
        guard (try? CaseNumber.validate(number)) != nil else { throw APIError.notFound("找不到案件", "no such case") }
        do {
            return try await CaseStore(db).show(county: identity.county, workflow: workflow, caseNumber: number,
                                                revealPersonalData: identity.seesPersonalData, scope: TownshipScope(identity.townships))
        } catch StoreError.notFound {
            throw APIError.notFound("找不到案件 \(workflow.rawValue) \(number)", "no \(workflow.rawValue) case \(number)")
        }
    }

    /// POST /v1/cases/{workflow} `{"case"?, "event", "at"?, "data"}`: the opening event.
    @Sendable func open(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.caller()
        let workflow = try workflow(context)
        let (body, raw) = try await JSONBody.object(request, context: context)
        try JSONBody.unknownKeys(body, allowed: ["case", "event", "at", "data"])
        let eventRequest = EventRequest(county: identity.county, workflow: workflow.id,
                                        caseNumber: try JSONBody.string(body, "case", required: false),
                                        event: try JSONBody.string(body, "event", required: true)!, data: try JSONBody.data(body),
                                        at: try Self.instant(body), actor: identity.actor, expectedVersion: 0)
        return try await write(eventRequest, identity: identity, request: request, raw: raw, existingCase: false)
    }

    /// POST /v1/cases/{workflow}/{case}/events `{"event", "at"?, "data"}`, honouring If-Match.
    @Sendable func record(_ request: Request, context: ServerContext) async throws -> Response {
        let identity = try context.caller()
        let workflow = try workflow(context)
        let number = context.parameters.get("case") ?? ""
        let (body, raw) = try await JSONBody.object(request, context: context)
        try JSONBody.unknownKeys(body, allowed: ["event", "at", "data"])
        var expected: Int?
        if let match = request.headers[.ifMatch] {
            guard let version = Int(match.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))) else {
                throw APIError.badRequest("bad-if-match", "If-Match 应为案件版本，如 \"3\"", "If-Match must be the case version, e.g. \"3\"")
            }
            expected = version
        }
        let eventRequest = EventRequest(county: identity.county, workflow: workflow.id, caseNumber: number,
                                        event: try JSONBody.string(body, "event", required: true)!, data: try JSONBody.data(body),
                                        at: try Self.instant(body), actor: identity.actor, expectedVersion: expected)
        return try await write(eventRequest, identity: identity, request: request, raw: raw, existingCase: true)
    }

    static func stale(_ number: String, actual: Int?) -> APIError {
        var problem = APIError(.preconditionFailed, type: "stale-version", title: ("版本已过期", "Precondition failed"),
                               detail: ("案件 \(number) 已更新（当前版本 \(actual.map(String.init) ?? "-")），请刷新后重试",
                                        "case \(number) has changed (now version \(actual.map(String.init) ?? "-")); reload and retry"))
        problem.extra["current_version"] = actual.map { .number(Double($0)) } ?? .null
        return problem
    }

    static func instant(_ body: [String: JSONValue]) throws -> Date {
        guard let text = try JSONBody.string(body, "at", required: false) else { return Date() }
        guard let at = Timestamp.parse(text), Timestamp.isRecordable(at) else {
            throw APIError.badRequest("bad-time", "at 应为 RFC 3339 时间", "at must be an RFC 3339 time")
        }
        // The engine refuses a future time too (422 there); here it is the request's own value.
        do {
            try Timestamp.checkNotFuture(at)
        } catch let error as DomainError {
            throw APIError.badRequest("future-time", error.zh, error.en)
        }
        return at
    }

    /// Records through the store's one write path (`CaseStore.record(_:as:)`: scope, role, If-Match,
    /// re-deciding on conflicts and the idempotency key are all decided there) and renders its answer.
    func write(_ eventRequest: EventRequest, identity: Identity, request: Request, raw: String, existingCase: Bool) async throws -> Response {
        let workflow = eventRequest.workflow
        let status: HTTPResponse.Status = existingCase ? .ok : .created
        let reveal = identity.seesPersonalData
        var idempotency: Idempotency?
        if let key = request.headers[HTTPField.Name("Idempotency-Key")!] {
            guard (1...200).contains(key.count) else {
                throw APIError.badRequest("bad-idempotency-key", "Idempotency-Key 应为1至200个字符", "Idempotency-Key must be 1 to 200 characters")
            }
            let requestHash = IdempotencyStore.hash([request.method.rawValue, request.uri.path, request.headers[.ifMatch] ?? "", raw])
            idempotency = Idempotency(tokenID: identity.tokenID, key: key, requestHash: requestHash, status: Int(status.code)) {
                RecordJSON.encode(RecordJSON.recorded($0, reveal: reveal))
            }
        }
        let writer = Writer(scope: TownshipScope(identity.townships),
                            mayRecord: identity.canRecord(workflow, event: eventRequest.event),
                            existingCase: existingCase, idempotency: idempotency, role: identity.role)
        let outcome: WriteOutcome
        do {
            outcome = try await CaseStore(db).record(eventRequest, as: writer)
        } catch StoreError.conflict(let number, _, let actual) where existingCase && eventRequest.expectedVersion != nil {
            throw Self.stale(number, actual: actual)
        } catch StoreError.notFound {
            throw APIError.notFound("找不到案件 \(workflow.rawValue) \(eventRequest.caseNumber ?? "")",
                                    "no \(workflow.rawValue) case \(eventRequest.caseNumber ?? "")")
        } catch let refusal as WriteRefusal {
            throw Self.problem(refusal, identity: identity, workflow: workflow)
        }
        switch outcome {
        case .replayed(let stored):
            return Self.replay(stored)
        case .recorded(let recorded, let saved):
            Counter(label: "anjie_events_recorded_total", dimensions: [("workflow", workflow.rawValue)]).increment()
            var headers: HTTPFields = [.eTag: "\"\(recorded.summary.version)\"", .contentType: "application/json; charset=utf-8"]
            if !existingCase { headers[.location] = "/v1/cases/\(workflow.rawValue)/\(recorded.summary.caseNumber)" }
            let body = saved ?? RecordJSON.encode(RecordJSON.recorded(recorded, reveal: reveal))
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    static func problem(_ refusal: WriteRefusal, identity: Identity, workflow: WorkflowID) -> APIError {
        switch refusal {
        case .roleMayNotRecord:
            return .forbidden("此角色不能记录\(workflow.label)事件", "this role cannot record \(workflow.rawValue) events")
        case .outsideScope:
            return .forbidden("只能在本令牌的乡镇（\(identity.townships.joined(separator: "、"))）登记案件",
                              "this token may only open cases in its townships (\(identity.townships.joined(separator: ", ")))")
        case .idempotencyKeyReused:
            return APIError(.unprocessableContent, type: "idempotency-key-reused", title: ("幂等键已用于其他请求", "Idempotency key reused"),
                            detail: ("同一 Idempotency-Key 已用于不同的请求", "this Idempotency-Key was used for a different request"))
        }
    }

    /// The answer saved with the key, with the same ETag and Location as the first (from the stored
    /// body: the recorded event's case).
    static func replay(_ stored: IdempotencyStore.Stored) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", HTTPField.Name("Idempotent-Replayed")!: "true"]
        if case .object(let body)? = try? JSONDecoder().decode(JSONValue.self, from: Data(stored.body.utf8)) {
            if case .number(let version)? = body["version"] { headers[.eTag] = "\"\(Int(version))\"" }
            if stored.status == 201, let workflow = body["workflow"]?.stringValue, let number = body["case"]?.stringValue {
                headers[.location] = "/v1/cases/\(workflow)/\(number)"
            }
        }
        return Response(status: .init(code: stored.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: stored.body)))
    }
}
