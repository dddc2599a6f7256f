import AnjieDomain
import AnjieStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PostgresNIO

/// An error as the API answers it: RFC 9457 problem+json with a stable `type`, Chinese and English
/// title and detail, and for validation the fields at fault. Never a stack trace or SQL.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let type: String
    public let titleZH: String
    public let titleEN: String
    public let detailZH: String
    public let detailEN: String
    public var fields: [FieldProblem] = []
    public var headers: HTTPFields = [:]
    public var extra: [String: JSONValue] = [:]

    public init(_ status: HTTPResponse.Status, type: String, title: (String, String), detail: (String, String)) {
        self.status = status
        self.type = type
        self.titleZH = title.0
        self.titleEN = title.1
        self.detailZH = detail.0
        self.detailEN = detail.1
    }

    public var body: JSONValue {
        var object: [String: JSONValue] = [
            "type": .string("/problems/\(type)"),
            "title": .string("\(titleEN) / \(titleZH)"),
            "status": .number(Double(status.code)),
            "detail": .string("\(detailEN) / \(detailZH)"),
            "title_zh": .string(titleZH), "title_en": .string(titleEN),
            "detail_zh": .string(detailZH), "detail_en": .string(detailEN),
        ]
        if !fields.isEmpty {
            object["fields"] = .array(fields.map { .object(["field": .string($0.field), "rule": .string($0.rule),
                                                            "zh": .string($0.zh), "en": .string($0.en)]) })
        }
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: RecordJSON.encode(body))))
    }

    static let unauthenticated = APIError(.unauthorized, type: "unauthenticated", title: ("未认证", "Unauthenticated"),
                                          detail: ("需要有效的 Bearer 令牌", "a valid bearer token is required"))

    static func forbidden(_ zh: String, _ en: String) -> APIError {
        APIError(.forbidden, type: "forbidden", title: ("无权限", "Forbidden"), detail: (zh, en))
    }

    static func notFound(_ zh: String, _ en: String) -> APIError {
        APIError(.notFound, type: "not-found", title: ("未找到", "Not found"), detail: (zh, en))
    }

    static func badRequest(_ type: String, _ zh: String, _ en: String) -> APIError {
        APIError(.badRequest, type: type, title: ("请求有误", "Bad request"), detail: (zh, en))
    }

    /// A malformed request is the client's to fix (400); every other refusal is the rules' (422).
    static func status(of code: DomainError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidInput:
            return .badRequest
        case .illegalEvent, .unknownEvent, .invalidData, .ruleViolation, .noCalendar:
            return .unprocessableContent
        }
    }

    /// Maps what the services throw to what the API answers.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as DomainError:
            var problem = APIError(status(of: error.code), type: error.code.rawValue, title: ("违反业务规则", "Rule violation"), detail: (error.zh, error.en))
            problem.fields = error.fields
            return problem
        case let error as StoreError:
            switch error {
            case .conflict:
                return APIError(.conflict, type: "conflict", title: ("并发冲突", "Conflict"), detail: (error.zh, error.en))
            case .notFound:
                return APIError(.notFound, type: "not-found", title: ("未找到", "Not found"), detail: (error.zh, error.en))
            case .environment, .database:
                return unavailable
            }
        case is NIOTooManyBytesError:
            return tooLarge
        case let error as HTTPError:
            switch error.status {
            case .contentTooLarge:
                return tooLarge
            case .notFound:
                return notFound("没有此路径", "no such route")
            case .methodNotAllowed:
                return APIError(.methodNotAllowed, type: "method-not-allowed", title: ("方法不允许", "Method not allowed"),
                                detail: ("此路径不支持该方法", "this route does not allow the method"))
            default:
                return APIError(error.status, type: "http-\(error.status.code)", title: (error.status.reasonPhrase, error.status.reasonPhrase),
                                detail: (error.body ?? error.status.reasonPhrase, error.body ?? error.status.reasonPhrase))
            }
        case let error as PSQLError where error.failure == .invalidValue:
            // Class 22, data exception: a value sent in the request that PostgreSQL refuses to store or
            // compare (e.g. a NUL character in a query parameter). The request is at fault; retrying won't help.
            return APIError.badRequest("invalid-value", "请求中含有无法处理的值（如 NUL 字符）",
                                       "the request contains a value that cannot be processed (e.g. a NUL character)")
        default:
            // The database being down or restarting is the usual cause: say so and let clients retry.
            return unavailable
        }
    }

    static var tooLarge: APIError {
        let limit = ServerLimits.maxBodyBytes.load(ordering: .relaxed)
        return APIError(.contentTooLarge, type: "body-too-large", title: ("请求体过大", "Body too large"),
                        detail: ("请求体超过 \(limit) 字节", "the body exceeds \(limit) bytes"))
    }

    static var unavailable: APIError {
        var problem = APIError(.serviceUnavailable, type: "unavailable", title: ("服务暂不可用", "Service unavailable"),
                               detail: ("数据库暂不可用，请稍后重试", "the database is not reachable; retry shortly"))
        problem.headers[.retryAfter] = "5"
        return problem
    }
}
