import AnjieDomain
import AnjieStore
import Foundation

/// Interactive entry: on a terminal, an event with required fields missing asks for them one by one
/// instead of failing. Each answer is checked with the domain's own validator before the next
/// question, and choice fields list their values with the Chinese labels (a number picks one).
///
/// The reader and writer are injected so the dialogue is tested without a terminal; the command
/// uses `readLine` and standard output. Only required fields are asked for: optional ones stay
/// options, so a clerk who knows them types them on the command line.
struct EventPrompter {
    var readLine: () -> String?
    var write: (String) -> Void

    static var terminal: EventPrompter {
        EventPrompter(readLine: { Swift.readLine(strippingNewline: true) }, write: { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        })
    }

    /// Whether to ask at all: standard input and output are both terminals and `--no-input` was
    /// not given. Pipes and scripts keep the plain refusal.
    static func shouldAsk(noInput: Bool, stdinIsTerminal: Bool, stdoutIsTerminal: Bool) -> Bool {
        !noInput && stdinIsTerminal && stdoutIsTerminal
    }

    /// The required fields the arguments lack (looked up as the validator looks them up).
    static func missingFields(_ data: EventData, spec: EventSpec) -> [FieldSpec] {
        spec.fields.filter { field in
            field.required && (FieldValidator.value(of: field, in: data).map(FieldValidator.isBlank) ?? true)
        }
    }

    /// Asks for the case number (for an event on an existing case) and every missing required field.
    func complete(_ arguments: inout EventArguments, event: EventInfo, at: Date) throws {
        let asked = try completeCaseNumber(&arguments, event: event)
        try completeFields(&arguments, event: event, at: at, announced: asked)
    }

    /// Asks for the case number of an event on an existing case, when not given: the first question,
    /// so that the case can be looked up before any field is asked (`checkCaseExists`).
    /// Returns whether it asked.
    @discardableResult
    func completeCaseNumber(_ arguments: inout EventArguments, event: EventInfo) throws -> Bool {
        guard !event.from.contains(nil), arguments.caseNumber == nil else { return false }
        write(Terminal.dim("缺少必填项，请逐项输入（Ctrl-D 取消）/ Required fields are missing: enter them one by one (Ctrl-D cancels)") + "\n")
        arguments.caseNumber = try ask("案件编号 Case number") { answer in
            try CaseNumber.validate(answer)
        }
        return true
    }

    /// A mistyped case number is answered before the clerk types every field, not after (issue 17):
    /// `StoreError.notFound` (exit 4) when the event needs an existing case and there is none.
    static func checkCaseExists(_ arguments: EventArguments, event: EventInfo, workflow: WorkflowID, county: String) async throws {
        guard !event.from.contains(nil), let number = arguments.caseNumber else { return }
        _ = try await Runtime.reportingErrors { try CaseNumber.validate(number) }
        try await Runtime.withDatabase(dataDir: arguments.dataDir) { db in
            guard try await CaseStore(db).summary(county: county, workflow: workflow, caseNumber: number) != nil else {
                throw StoreError.notFound(workflow: workflow.rawValue, case: number)
            }
        }
    }

    /// Asks for every missing required field; `announced`: the case number was asked just before,
    /// under the same heading.
    func completeFields(_ arguments: inout EventArguments, event: EventInfo, at: Date, announced: Bool = false) throws {
        let missing = Self.missingFields(arguments.data, spec: event.spec)
        guard !missing.isEmpty else { return }
        if !announced {
            write(Terminal.dim("缺少必填项，请逐项输入（Ctrl-D 取消）/ Required fields are missing: enter them one by one (Ctrl-D cancels)") + "\n")
        }
        for field in missing {
            arguments.data[field.name] = try value(for: field, event: event.spec, on: LocalDate(at))
        }
    }

    func value(for field: FieldSpec, event: EventSpec, on date: LocalDate) throws -> JSONValue {
        switch field.kind {
        case .parties:
            return try parties(on: date)
        case .choice(let choices):
            list(choices)
            return .string(try ask("\(field.zh) \(field.name)（填序号或名称 number or value）") { answer in
                guard let choice = Self.pick(answer, from: choices) else {
                    throw DomainError.invalidInput("取值无效，请填序号或所列名称", "not one of the values listed: type its number or name")
                }
                return choice.id
            })
        case .choiceList(let choices):
            list(choices)
            return .array(try ask("\(field.zh) \(field.name)（可多选，用逗号分隔 several, comma-separated）") { answer in
                let items = FieldValidator.listItems(.string(answer))
                let picked = items.compactMap { Self.pick($0, from: choices) }
                guard !items.isEmpty, picked.count == items.count else {
                    throw DomainError.invalidInput("有取值无效，请填序号或所列名称", "a value is not one of those listed")
                }
                return picked.map { JSONValue.string($0.id) }
            })
        default:
            let hint = EventHelp.describe(field.kind)
            return .string(try ask("\(field.zh) \(field.name)（\(hint)）") { answer in
                // The validator of the event itself, narrowed to this one field.
                _ = try FieldValidator.normalize([field.name: .string(answer)], spec: EventSpec(event.name, event.zh, [field]), on: date)
                return answer
            })
        }
    }

    /// At least one party: name, role (numbered), then optional identity number and phone, each
    /// checked as the party validator checks them; an empty name ends the list.
    func parties(on date: LocalDate) throws -> JSONValue {
        var parties: [JSONValue] = []
        let spec = EventSpec("party", "当事人", [FieldSpec("parties", "当事人", .parties)])
        while true {
            let number = parties.count + 1
            let name = try prompt("当事人\(number) 姓名或名称 party \(number) name" + (parties.isEmpty ? "" : "（直接回车结束 Enter to finish）"),
                                  optional: !parties.isEmpty) { $0 }
            guard let name, !name.isEmpty else { break }
            list(Vocabulary.partyRole)
            let role = try ask("当事人\(number) 角色 role") { answer in
                guard let choice = Self.pick(answer, from: Vocabulary.partyRole) else {
                    throw DomainError.invalidInput("取值无效，请填序号或所列名称", "not one of the values listed")
                }
                return choice.id
            }
            var party: [String: JSONValue] = ["name": .string(name), "role": .string(role)]
            for (key, label) in [("id_number", "身份证号 ID number"), ("phone", "联系电话 phone")] {
                let candidate = party
                if let answer = try prompt("当事人\(number) \(label)（可空 Enter to skip）", optional: true, check: { answer in
                    var trial = candidate
                    trial[key] = .string(answer)
                    _ = try FieldValidator.normalize(["parties": .array([.object(trial)])], spec: spec, on: date)
                    return answer
                }), !answer.isEmpty {
                    party[key] = .string(answer)
                }
            }
            parties.append(.object(party))
        }
        return .array(parties)
    }

    /// Asks until `check` accepts the answer; an empty answer is accepted only when `optional`.
    /// End of input (Ctrl-D) cancels with the same refusal as before interactive entry existed.
    func prompt<T>(_ question: String, optional: Bool, check: (String) throws -> T) throws -> T? {
        while true {
            write(Terminal.bold(question) + ": ")
            guard let line = readLine() else {
                write("\n")
                throw DomainError.invalidInput("输入已取消，未写入任何数据", "input cancelled; nothing was written")
            }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if answer.isEmpty {
                if optional { return nil }
                write(Terminal.red("  必填 required") + "\n")
                continue
            }
            do {
                return try check(answer)
            } catch let error as DomainError {
                let detail = error.fields.isEmpty ? "\(error.zh) / \(error.en)" : error.fields.map { "\($0.zh) / \($0.en)" }.joined(separator: "；")
                write(Terminal.red("  " + detail) + "\n")
            }
        }
    }

    func ask<T>(_ question: String, check: (String) throws -> T) throws -> T {
        // Non-optional questions never return nil: an empty answer is asked again.
        try prompt(question, optional: false, check: check)!
    }

    private func list(_ choices: Choices) {
        for (index, choice) in choices.options.enumerated() {
            let label = choice.zh == choice.id ? choice.id : "\(choice.zh) \(choice.id)"
            write("  \(index + 1)) \(label)\n")
        }
    }

    /// A listed number (`2`), an id, its kebab form or the Chinese label.
    static func pick(_ answer: String, from choices: Choices) -> Choice? {
        if let number = Int(answer), (1...choices.options.count).contains(number) { return choices.options[number - 1] }
        return choices.match(answer)
    }
}
