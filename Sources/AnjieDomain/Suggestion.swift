/// "Did you mean …": the nearest allowed value to a mistyped one, for every refusal of an unknown
/// option value, filter or event name (CLI and API alike), so a typo is answered the same way
/// everywhere.
public enum Suggestion {
    /// The candidate nearest to `input` by edit distance, when near enough to be a typo: at most a
    /// third of the longer word's length (and at least 1). Case, hyphens and underscores are
    /// ignored, so `start-mediatoin` finds `start_mediation`.
    public static func closest(to input: String, among candidates: [String]) -> String? {
        let key = fold(input)
        guard !key.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let other = fold(candidate)
            let distance = editDistance(Array(key), Array(other))
            let limit = max(1, max(key.count, other.count) / 3)
            guard distance <= limit, distance < (best?.distance ?? .max) else { continue }
            best = (candidate, distance)
        }
        return best?.candidate
    }

    /// The sentence to append to a refusal: "；您是否要找 X？" / "; did you mean X?", or empty.
    public static func hint(for input: String, among candidates: [String]) -> (zh: String, en: String) {
        guard let found = closest(to: input, among: candidates) else { return ("", "") }
        return ("；您是否要找 \(found)？", "; did you mean \(found)?")
    }

    static func fold(_ text: String) -> String {
        text.trimmingWhitespace().lowercased().replacingHyphens()
    }

    /// Levenshtein distance over Characters (a Chinese label is compared character by character).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension Choices {
    /// The choice `input` names (id, kebab form or Chinese label), or a refusal naming `option`,
    /// listing every allowed value and suggesting the nearest: the one answer to a wrong value
    /// of an enumerated option or filter.
    public func require(_ input: String, option: String) throws -> Choice {
        if let choice = match(input) { return choice }
        let hint = Suggestion.hint(for: input, among: options.flatMap { [$0.id, $0.zh] })
        throw DomainError.invalidInput("\(option) 没有取值 \(input)；可选：\(listing)\(hint.zh)",
                                       "\(option) has no value \(input); allowed: \(listing)\(hint.en)")
    }
}
