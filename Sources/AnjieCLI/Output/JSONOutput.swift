import AnjieDomain
import AnjieStore
import Foundation

/// Machine output: sorted keys (key order otherwise changes between processes on Linux).
enum JSONOutput {
    static func string(_ value: JSONValue, pretty: Bool = true) -> String {
        RecordJSON.encode(value, pretty: pretty)
    }

    static func parseObject(_ text: String, what: String) throws -> EventData {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), case .object(let object) = value else {
            throw DomainError.invalidInput("\(what) 应为 JSON 对象，例如 {\"reason\":\"…\"}",
                                           "\(what) must be a JSON object such as {\"reason\":\"…\"}")
        }
        return object
    }
}

extension Optional where Wrapped == String {
    var json: JSONValue { map(JSONValue.string) ?? .null }
}
