/// The enumerated values of filters (`case list --state`, `--category`, `deadlines --kind`, the
/// API's query parameters): each accepts the id or the Chinese label, and refuses anything else
/// with the allowed values and the nearest one (`Choices.require`), never an empty result.
public enum FilterValues {
    /// A state id of `workflow`, or of any registered workflow when none is named.
    public static func state(_ text: String, workflow: Workflow?, option: String) throws -> String {
        try stateChoices(workflow).require(text, option: option).id
    }

    /// The states a filter may name: one workflow's, or every workflow's (an id once, in registry order).
    public static func stateChoices(_ workflow: Workflow?) -> Choices {
        var seen = Set<String>()
        let states = (workflow.map { [$0] } ?? Workflows.ordered).flatMap(\.states).filter { seen.insert($0.id).inserted }
        return Choices(states.map { Choice($0.id, $0.zh) })
    }

    public static func category(_ text: String, option: String) throws -> String {
        try Vocabulary.category.require(text, option: option).id
    }

    /// A deadline kind: its id, its label or the label's first word (法定, 交办, 督办, 指导性).
    public static func clockKind(_ text: String, option: String) throws -> Clock.Kind {
        if let kind = Clock.Kind.parse(text) { return kind }
        if text.trimmingWhitespace() == "督办" { return .centreSet }
        return Clock.Kind(rawValue: try clockKinds.require(text, option: option).id)!
    }

    public static let clockKinds = Choices(Clock.Kind.allCases.map { Choice($0.rawValue, $0.zh) })

    /// One of a fixed list of words (`--by township|workflow|clock`), with the same refusal.
    public static func word(_ text: String, among words: [String], option: String) throws -> String {
        try Choices(words.map { Choice($0, $0) }).require(text, option: option).id
    }
}
