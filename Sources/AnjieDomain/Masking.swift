/// Personal data in outputs: ID numbers and phone numbers show their last 4 characters only,
/// unless the caller's role may see them (法释〔2016〕19号; 个人信息保护法 art. 51).
public enum Masking {
    public static let maskedKeys: Set<String> = ["id_number", "phone"]

    public static func mask(_ value: String) -> String {
        guard value.count > 4 else { return String(repeating: "*", count: value.count) }
        return String(repeating: "*", count: value.count - 4) + value.suffix(4)
    }

    /// The same data with every ID number and phone masked, however deeply nested.
    public static func mask(_ data: EventData) -> EventData {
        data.reduce(into: [:]) { result, field in
            result[field.key] = maskedKeys.contains(field.key) ? maskValue(field.value) : mask(field.value)
        }
    }

    static func mask(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields): return .object(mask(fields))
        case .array(let items): return .array(items.map(mask))
        case .null, .bool, .number, .string: return value
        }
    }

    static func maskValue(_ value: JSONValue) -> JSONValue {
        if case .string(let text) = value { return .string(mask(text)) }
        return mask(value)
    }
}
