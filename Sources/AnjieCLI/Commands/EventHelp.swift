import AnjieDomain

/// Help for `anjie <workflow> [event] --help`, generated from the domain's event specs.
enum EventHelp {
    static func text(_ workflow: Workflow, event: String?) -> String {
        let name = workflow.id.commandName
        if let event, let info = workflow.event(named: event) {
            return eventText(workflow, info, full: true)
        }
        var lines = [
            "\(workflow.id.label) (\(workflow.id.rawValue))",
            "",
            "用法 USAGE: anjie \(name) <事件 event> [案件编号 CASE] [--字段 field 值 value]… [--at 时间] [--actor 记录人]",
            "            [--party role=申请人,name=张三,id_number=…] [--data JSON] [--expect-version N] [--format text|json] [--no-input]",
            "",
            "在终端上缺少必填项时逐项询问；--no-input 或管道输入时直接报错。",
            "On a terminal, missing required fields are asked for one by one; with --no-input or a pipe they are refused.",
            "",
            "首个事件可省略案件编号，系统自动编号（\(workflow.id.casePrefix)-年份-序号）。",
            "The opening event may omit CASE: the next number (\(workflow.id.casePrefix)-YEAR-NNNNN) is assigned.",
            "--at 默认当前时间；只写日期时按当天 12:00（北京时间）。 --at defaults to now; a bare date means 12:00 Beijing time.",
            "",
            "事件 EVENTS:",
        ]
        for info in workflow.events {
            lines.append(eventText(workflow, info, full: false))
        }
        lines.append("")
        lines.append("详见 See: anjie \(name) <event> --help")
        return lines.joined(separator: "\n")
    }

    static func eventText(_ workflow: Workflow, _ info: EventInfo, full: Bool) -> String {
        let from = info.from.map { $0.map { "\(workflow.stateLabel($0))" } ?? "（新案件 new）" }.joined(separator: "/")
        let to = info.to.map { workflow.stateLabel($0) } ?? "（不变 same）"
        var lines = ["  \(info.spec.name.replacingOccurrences(of: "_", with: "-"))  \(info.spec.zh)   \(from) → \(to)"]
        for field in info.spec.fields where full || field.required {
            let flag = "--" + field.name.replacingOccurrences(of: "_", with: "-")
            let need = field.required ? "必填 required" : "可选 optional"
            lines.append("      \(flag)  \(field.zh) · \(need) · \(describe(field.kind))")
        }
        if full {
            lines.insert("用法 USAGE: anjie \(workflow.id.commandName) \(info.spec.name.replacingOccurrences(of: "_", with: "-")) [CASE] [options]", at: 0)
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ kind: FieldKind) -> String {
        switch kind {
        case .text: return "文字 text"
        case .choice(let choices): return "取值 one of: \(choices.listing)"
        case .choiceList(let choices): return "多选（逗号分隔）several of: \(choices.listing)"
        case .date: return "日期 date (2025-03-02)"
        case .amount: return "金额（元）amount in yuan"
        case .count: return "整数 whole number"
        case .flag: return "是/否 true/false"
        case .parties: return "当事人 party: --party role=申请人,name=张三[,id_number=…][,phone=…]（可重复 repeatable）"
        case .textList: return "列表（逗号分隔）list, comma-separated"
        case .creditCode: return "统一社会信用代码 credit code (GB 32100)"
        case .agency: return "机关（本县机关名录中的名称或统一社会信用代码）agency of the county's register (name or credit code)"
        case .link: return "关联案件 linked case: 流程:案件编号 workflow:case (enforcement_case:ZF-2025-0042)"
        }
    }
}
