import AnjieStore
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// A request line the HTTP parser refuses (`GET /v1/cases?township=大埔镇` with the Chinese not
/// percent-encoded, as curl sends it) never reaches the router: Hummingbird then answers 400 with an
/// empty body. This handler, in the pipeline after the HTTP decoder, answers it as every other
/// refusal is answered — problem+json saying what to fix — and closes the connection (the parser
/// cannot go on after an error).
final class MalformedRequestAnswer: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let problem = APIError.badRequest(
        "malformed-request",
        "请求行无效：路径和查询参数中的中文、空格等须按 URL 编码（如 ?township=%E5%A4%A7%E5%9F%94%E9%95%87 即“大埔镇”）",
        "the request line is malformed: Chinese characters, spaces and the like in the path or query must be percent-encoded (e.g. ?township=%E5%A4%A7%E5%9F%94%E9%95%87 for 大埔镇)")

    private var answered = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError, !answered else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let body = ByteBuffer(string: RecordJSON.encode(Self.problem.body))
        let head = HTTPResponse(status: .badRequest, headerFields: [
            .contentType: "application/problem+json", .contentLength: "\(body.readableBytes)", .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }
}

/// A query string the parser let through but that cannot be decoded: `%` not followed by two hex
/// digits (`?township=%ZZ`), or bytes that are not UTF-8 once decoded. Hummingbird would pass the
/// text on undecoded and the filter would silently find nothing; the client is told instead.
enum QueryStringCheck {
    static func check(_ query: String?) throws {
        // Foundation's decoder refuses both faults: a bad `%xx` and bytes that are not UTF-8.
        guard let query, !query.isEmpty, query.removingPercentEncoding == nil else { return }
        throw refusal("“%”后应为两位十六进制数（如 %E5），且解码后应为 UTF-8 文字",
                      "“%” must be followed by two hex digits (e.g. %E5) and the result must be UTF-8 text")
    }

    static func refusal(_ zh: String, _ en: String) -> APIError {
        APIError.badRequest("malformed-query", "查询参数编码无效：\(zh)", "the query string is not validly percent-encoded: \(en)")
    }
}
