import AnjieDomain
import AnjieStore
import Foundation
import Hummingbird
import NIOCore

enum JSONBody {
    /// A JSON response with sorted keys.
    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: RecordJSON.encode(value))))
    }

    /// The request body as a JSON object: 415 unless it says it is JSON, 400 unless it parses.
    static func object(_ request: Request, context: ServerContext) async throws -> (object: [String: JSONValue], raw: String) {
        guard let type = request.headers[.contentType]?.lowercased(), type.hasPrefix("application/json") else {
            throw APIError(.unsupportedMediaType, type: "unsupported-media-type", title: ("不支持的内容类型", "Unsupported media type"),
                           detail: ("请求体应为 application/json", "the body must be application/json"))
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw APIError.badRequest("malformed-json", "请求体不是有效的 JSON", "the body is not valid JSON")
        }
        guard case .object(let object) = value else {
            throw APIError.badRequest("malformed-json", "请求体应为 JSON 对象", "the body must be a JSON object")
        }
        return (object, String(decoding: data, as: UTF8.self))
    }

    static func string(_ object: [String: JSONValue], _ key: String, required: Bool) throws -> String? {
        guard let value = object[key], value != .null else {
            if required { throw APIError.badRequest("missing-field", "缺少字段 \(key)", "field \(key) is missing") }
            return nil
        }
        guard case .string(let text) = value, !text.isEmpty else {
            throw APIError.badRequest("wrong-type", "字段 \(key) 应为非空字符串", "field \(key) must be a non-empty string")
        }
        return text
    }

    static func data(_ object: [String: JSONValue]) throws -> EventData {
        guard let value = object["data"], value != .null else { return [:] }
        guard case .object(let data) = value else {
            throw APIError.badRequest("wrong-type", "data 应为 JSON 对象", "data must be a JSON object")
        }
        return data
    }

    static func unknownKeys(_ object: [String: JSONValue], allowed: Set<String>) throws {
        if let key = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.badRequest("unknown-field", "未知字段 \(key)", "unknown field \(key)")
        }
    }
}

extension Request {
    /// A query parameter that must be a whole number in range when present.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("bad-parameter", "参数 \(name) 应为 \(range.lowerBound)…\(range.upperBound) 的整数",
                                      "parameter \(name) must be a whole number in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// The `workflow` query parameter when given: a known workflow (id or Chinese label), or 400
    /// with the list and the nearest name.
    func workflowFilter() throws -> WorkflowID? {
        try filter("workflow") { name, _ in try Workflows.named(name).id }
    }

    /// An enumerated query parameter when given, resolved by `resolve` (a `FilterValues` function:
    /// id or Chinese label); its refusal (the allowed values and a "did you mean") becomes a 400
    /// `bad-parameter`.
    func filter<T>(_ name: String, _ resolve: (String, String) throws -> T) throws -> T? {
        guard let value = text(name) else { return nil }
        do {
            return try resolve(value, name)
        } catch let error as DomainError {
            throw APIError.badRequest("bad-parameter", error.zh, error.en)
        }
    }

    func text(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }
}

extension Identity {
    func require(_ allowed: Bool, _ zh: String, _ en: String) throws {
        if !allowed { throw APIError.forbidden(zh, en) }
    }
}
