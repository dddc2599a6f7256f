import AnjieDomain
import AnjieStore
import Foundation

/// How cases look to clerks (text) and to scripts (JSON). Personal data is masked in both.
enum CaseRendering {
    static func json(_ summary: CaseSummary) -> [String: JSONValue] { RecordJSON.summary(summary) }
    static func json(_ detail: CaseDetail, reveal: Bool = false) -> JSONValue { RecordJSON.detail(detail, reveal: reveal) }
    static func json(_ recorded: RecordedEvent) -> JSONValue { RecordJSON.recorded(recorded) }

    /// A list of cases as a table, or as a JSON array with `--format json`.
    static func print(_ cases: [CaseSummary], as format: OutputFormat) {
        // The module's print (CLIOutput), so an in-process run (AnjieCommand.run) collects it too.
        AnjieCLI.print(format == .json ? JSONOutput.string(.array(cases.map { .object(json($0)) })) : text(cases))
    }

    static func text(_ recorded: RecordedEvent) -> String {
        let workflow = Workflows[recorded.summary.workflow]!
        let eventLabel = recorded.decision.event == Correction.event
            ? Correction.label : workflow.event(named: recorded.decision.event)?.spec.zh ?? ""
        let state = recorded.summary.state
        // Accepted, but worth a second look (a `due` already past): said under the record, never hidden.
        let warnings = recorded.decision.warnings.map { "\n" + Terminal.red("⚠ 注意 Warning: ") + $0.zh + "\n  " + $0.en }.joined()
        return """
            \(Terminal.green("已记录 Recorded")) \(recorded.summary.workflow.rawValue) \(Terminal.bold(recorded.summary.caseNumber)) · \
            \(recorded.decision.event) \(eventLabel) · 状态 \(workflow.stateLabel(state)) (\(state)) · 版本 v\(recorded.summary.version)
            下一步 Next: \(eventList(recorded.allowedEvents, workflow))
            """ + warnings
    }

    static func text(_ detail: CaseDetail, reveal: Bool = false) -> String {
        let summary = detail.summary
        let workflow = Workflows[summary.workflow]!
        var lines: [String] = []
        lines.append(Terminal.bold("案件 Case \(summary.caseNumber)") + " · \(workflow.id.label) (\(workflow.id.rawValue)) · 县 \(summary.county)"
                     + (summary.township.map { " · \($0)" } ?? ""))
        lines.append("状态 State: \(Terminal.bold(workflow.stateLabel(summary.state))) (\(summary.state))"
                     + (summary.outcome.map { " · 结果 outcome: \($0)" } ?? "")
                     + " · 版本 v\(summary.version) · 受理 opened \(short(summary.openedAt))"
                     + (summary.closedAt.map { " · 结案 closed \(short($0))" } ?? ""))
        if summary.workflow == .dispute {
            lines.append("六步闭环 Six steps: " + sixSteps(current: summary.state))
        }
        lines.append("时间线 Timeline:")
        var table = TextTable(header: ["#", "时间 at", "事件 event", "记录人 actor", "内容 data"])
        let notes = CorrectionNote.byCorrectedEvent(detail.events.map(\.logged))
        for event in detail.events {
            let label = event.event == Correction.event ? Correction.label : workflow.event(named: event.event)?.spec.zh ?? ""
            var cells = ["\(event.seq)", short(event.at), "\(event.event) \(label)", event.actor,
                         JSONValue.object(reveal ? event.data : Masking.mask(event.data)).display]
            if let corrections = notes[event.seq] {
                // The original stays visible, struck through; the correction says who, when and why.
                cells = cells.enumerated().map { $0.offset == 0 ? $0.element : Terminal.strike($0.element) }
                table.rows.append(cells)
                for note in corrections {
                    table.rows.append(["", short(note.at), "↳ 更正 #\(note.seq)", note.actor, "\(note.summaryZH)（理由：\(note.reason)）"])
                }
            } else {
                table.rows.append(cells)
            }
        }
        lines.append(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        lines.append("下一步 Next: \(eventList(detail.allowedEvents, workflow))")
        return lines.joined(separator: "\n")
    }

    static func text(_ cases: [CaseSummary]) -> String {
        guard !cases.isEmpty else { return "没有符合条件的案件 / no matching cases" }
        var table = TextTable(header: ["编号 case", "流程 workflow", "状态 state", "乡镇 township", "受理 opened", "版本 v"])
        for summary in cases {
            let label = Workflows[summary.workflow]?.stateLabel(summary.state) ?? summary.state
            table.rows.append([summary.caseNumber, summary.workflow.rawValue, "\(label) \(summary.state)",
                               summary.township ?? "—", short(summary.openedAt), "\(summary.version)"])
        }
        return table.render() + "\n共 \(cases.count) 件 / \(cases.count) cases"
    }

    /// One page of a listing, with how many match in all: "共 2746 件，显示第 1–200 件".
    static func text(_ cases: [CaseSummary], total: Int, offset: Int) -> String {
        guard !cases.isEmpty else {
            return total == 0 ? "没有符合条件的案件 / no matching cases"
                : "共 \(total) 件，本页无案件（--offset \(offset) 超出）/ \(total) cases; none from offset \(offset)"
        }
        let table = text(cases).split(separator: "\n", omittingEmptySubsequences: false).dropLast().joined(separator: "\n")
        let (first, last) = (offset + 1, offset + cases.count)
        var footer = "共 \(total) 件，显示第 \(first)–\(last) 件 / \(total) cases, showing \(first)–\(last)"
        if last < total { footer += "（下一页 next page: --offset \(last)）" }
        return table + "\n" + footer
    }

    /// ✓ done, ▶ current, ○ ahead — the centre's loop at a glance.
    static func sixSteps(current: String) -> String {
        let steps = DisputeRules.State.allCases
        let index = steps.firstIndex { $0.rawValue == current } ?? 0
        return steps.enumerated().map { offset, step in
            if offset < index { return "✓\(step.zh)" }
            if offset == index { return Terminal.bold("▶\(step.zh)") }
            return Terminal.dim("○\(step.zh)")
        }.joined(separator: " → ")
    }

    static func eventList(_ events: [String], _ workflow: Workflow) -> String {
        events.isEmpty ? "无 / none" : events.map { "\($0) \(workflow.event(named: $0)?.spec.zh ?? "")" }.joined(separator: ", ")
    }

    static func short(_ date: Date) -> String {
        let text = Timestamp.format(date)
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    static func json(_ clock: Clock, today: LocalDate) -> JSONValue { RecordJSON.clock(clock, today: today) }

    static func text(_ clocks: [Clock], today: LocalDate) -> String {
        guard !clocks.isEmpty else { return "期限 Deadlines: 无 / none" }
        var lines = ["期限 Deadlines (today \(today)):"]
        for clock in clocks {
            let status: String
            switch clock.status(on: today) {
            case .running: status = "进行中 running"
            case .overdue: status = Terminal.red("已逾期 overdue \(clock.overdueDays(on: today))天")
            case .lapsed: status = Terminal.dim("已过期 lapsed")
            case .met: status = Terminal.green("按期 met") + " \(clock.stoppedAt!)"
            case .late: status = Terminal.red("逾期完成 late") + " \(clock.stoppedAt!)"
            }
            lines.append("  \(clock.zh) (\(clock.id)) · 届满 due \(clock.due) · \(status)")
            lines.append("    " + Terminal.dim(clock.explanation))
            if let lapse = clock.lapse, [.overdue, .lapsed].contains(clock.status(on: today)) { lines.append("    ⚠ " + lapse) }
        }
        return lines.joined(separator: "\n")
    }
}
