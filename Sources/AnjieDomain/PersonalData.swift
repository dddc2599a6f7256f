import Foundation

/// One ID number or phone number taken out of an event's data, and where it was.
public struct PersonalValue: Sendable, Equatable {
    /// A JSON-pointer-like path into the event's data, e.g. `parties/0/id_number`.
    public let path: String
    /// `id_number` or `phone`: the field's name, which is also what the lookup hash is keyed by.
    public let kind: String
    public let value: String

    public init(path: String, kind: String, value: String) {
        self.path = path
        self.kind = kind
        self.value = value
    }
}

/// Personal data at rest (个人信息保护法 art. 51): the event log keeps the masked form of every ID
/// number and phone, so the hash chain, exports to auditors and every query see only the mask; the
/// clear values are sealed apart (AnjieStore's `PersonalDataVault`) and put back for roles that may
/// read them. Pure: finding and restoring the values is a data transformation, not I/O.
public enum PersonalData {
    /// The data with every ID number and phone masked, and the values taken out.
    public static func separate(_ data: EventData) -> (masked: EventData, values: [PersonalValue]) {
        // Most events carry no party: a scan that allocates nothing spares them the rebuilding.
        guard data.values.contains(where: containsPersonal) || data.keys.contains(where: Masking.maskedKeys.contains) else {
            return (data, [])
        }
        var values: [PersonalValue] = []
        let masked = separate(data, prefix: "", into: &values)
        return (masked, values)
    }

    /// Puts clear values back at their paths; a path that no longer points at a string is skipped.
    public static func restore(_ data: EventData, _ values: [String: String]) -> EventData {
        guard !values.isEmpty else { return data }
        return restore(data, prefix: "", values)
    }

    private static func containsPersonal(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let fields):
            return fields.contains { Masking.maskedKeys.contains($0.key) || containsPersonal($0.value) }
        case .array(let items): return items.contains(where: containsPersonal)
        case .null, .bool, .number, .string: return false
        }
    }

    private static func separate(_ data: EventData, prefix: String, into values: inout [PersonalValue]) -> EventData {
        var result: EventData = [:]
        for key in data.keys.sorted() {
            let path = prefix + escape(key)
            let value = data[key]!
            if Masking.maskedKeys.contains(key), case .string(let text) = value {
                values.append(PersonalValue(path: path, kind: key, value: text))
                result[key] = .string(Masking.mask(text))
            } else {
                result[key] = separate(value, path: path, into: &values)
            }
        }
        return result
    }

    private static func separate(_ value: JSONValue, path: String, into values: inout [PersonalValue]) -> JSONValue {
        switch value {
        case .object(let fields): return .object(separate(fields, prefix: path + "/", into: &values))
        case .array(let items):
            return .array(items.enumerated().map { separate($0.element, path: "\(path)/\($0.offset)", into: &values) })
        case .null, .bool, .number, .string: return value
        }
    }

    private static func restore(_ data: EventData, prefix: String, _ values: [String: String]) -> EventData {
        var result: EventData = [:]
        for (key, value) in data {
            let path = prefix + escape(key)
            if let clear = values[path], case .string = value {
                result[key] = .string(clear)
            } else {
                result[key] = restore(value, path: path, values)
            }
        }
        return result
    }

    private static func restore(_ value: JSONValue, path: String, _ values: [String: String]) -> JSONValue {
        switch value {
        case .object(let fields): return .object(restore(fields, prefix: path + "/", values))
        case .array(let items): return .array(items.enumerated().map { restore($0.element, path: "\(path)/\($0.offset)", values) })
        case .null, .bool, .number, .string: return value
        }
    }

    /// RFC 6901 escaping, so a key containing `/` cannot alias another path.
    private static func escape(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
