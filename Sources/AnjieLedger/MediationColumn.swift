/// The columns of the people's-mediation ledger (人民调解登记台账) and the headers they are known by.
/// The first header is the one the template writes and messages use; the others are what township
/// ledgers have been seen to call the same column. Headers are compared without spaces, `*` marks
/// and bracketed units, so `争议金额（元）` and `*受理日期` match.
public enum MediationColumn: String, CaseIterable, Sendable {
    case serial, caseNumber, accepted, organization, organizationKind, township, source, referralCase
    case parties, idNumbers, phones, category, big3, big3Nature, amount, summary, mediator
    case result, form, agreedAmount, reason, concluded, remark

    public var headers: [String] {
        switch self {
        case .serial: return ["序号"]
        case .caseNumber: return ["案件编号"]
        case .accepted: return ["受理日期", "受理时间", "登记日期", "收案日期"]
        case .organization: return ["调解组织", "调委会", "人民调解委员会", "调解委员会"]
        case .organizationKind: return ["调解组织类型", "组织类型"]
        case .township: return ["乡镇", "所属乡镇", "乡镇街道"]
        case .source: return ["案件来源", "纠纷来源", "来源"]
        case .referralCase: return ["委派移送案号", "委派/移送案号", "移送案号"]
        case .parties: return ["当事人", "当事人姓名", "当事人姓名或名称"]
        case .idNumbers: return ["身份证号", "身份证号码", "证件号码", "身份证号/统一社会信用代码"]
        case .phones: return ["联系电话", "电话", "联系方式"]
        case .category: return ["纠纷类型", "纠纷类别", "纠纷种类"]
        case .big3: return ["三大纠纷"]
        case .big3Nature: return ["纠纷性质", "三大纠纷性质"]
        case .amount: return ["争议金额", "涉及金额", "涉案金额", "标的额"]
        case .summary: return ["纠纷简要情况", "简要案情", "纠纷情况", "案情摘要"]
        case .mediator: return ["调解员", "调解人员", "主持调解员"]
        case .result: return ["调解结果", "结果"]
        case .form: return ["协议形式"]
        case .agreedAmount: return ["协议金额", "协议履行金额"]
        case .reason: return ["未成原因", "调解不成原因", "终止原因", "原因"]
        case .concluded: return ["结案日期", "办结日期", "调结日期", "结束日期"]
        case .remark: return ["备注"]
        }
    }

    /// The header the template writes and messages name.
    public var header: String { headers[0] }

    /// One line for the template's documentation and `--help`.
    public var meaning: String {
        switch self {
        case .serial: return "台账序号，必填；同一文件内不得重复 / the ledger's serial number, unique in the file"
        case .caseNumber: return "可选：系统案件编号（字母、数字、-、_）；空则按序号生成 / optional case number; else derived from 序号"
        case .accepted: return "必填：受理日期 / date accepted (2025-03-02, 2025/3/2, 2025年3月2日)"
        case .organization: return "调解组织名称（或 --organization）/ mediation organisation"
        case .organizationKind: return "调解组织类型（或 --organization-kind）/ organisation kind"
        case .township: return "乡镇（或 --township）/ township"
        case .source: return "案件来源（或 --source）/ how the case came in"
        case .referralCase: return "可选：法院委派、公安移送的案号 / optional referring case number"
        case .parties: return "必填：当事人姓名，多人用、分隔，可写“申请人：张三” / parties, separated by 、"
        case .idNumbers: return "可选：身份证号或统一社会信用代码，按当事人顺序用、分隔 / ID numbers or credit codes, in party order"
        case .phones: return "可选：联系电话，按当事人顺序 / phones, in party order"
        case .category: return "必填：纠纷类型 / dispute category"
        case .big3: return "可选：三大纠纷（土地、山林、水利）/ big-3 kind"
        case .big3Nature: return "三大纠纷必填：权属、承包、相邻 / big-3 nature"
        case .amount: return "可选：争议金额（元）/ amount in dispute, yuan"
        case .summary: return "可选：纠纷简要情况，记入受理事件备注 / summary, kept in the accept event's note"
        case .mediator: return "可选：调解员，记入受理事件备注 / mediator, kept in the accept event's note"
        case .result: return "空或“调解中”：仅受理；达成协议、调解不成、终止调解 / blank: open; agreed, failed, terminated"
        case .form: return "达成协议时必填：书面协议、口头协议 / agreement form, when agreed"
        case .agreedAmount: return "可选：协议金额（元）/ agreed amount, yuan"
        case .reason: return "调解不成、终止调解时必填 / reason, when failed or terminated"
        case .concluded: return "有调解结果时必填：结案日期 / date concluded, when there is a result"
        case .remark: return "可选：备注，记入受理事件备注 / remark, kept in the accept event's note"
        }
    }

    /// The template's example row: a written agreement, so every column of the happy path is shown.
    public var example: String {
        switch self {
        case .serial: return "1"
        case .caseNumber: return ""
        case .accepted: return "2025-03-02"
        case .organization: return "大埔镇人民调解委员会"
        case .organizationKind: return "乡镇"
        case .township: return "大埔镇"
        case .source: return "当事人申请"
        case .referralCase: return ""
        case .parties: return "申请人：张三、被申请人：李四"
        case .idNumbers: return "11010519491231002X、"
        case .phones: return "13800001234、"
        case .category: return "邻里"
        case .big3, .big3Nature: return ""
        case .amount: return "12000"
        case .summary: return "相邻排水沟堵塞引发纠纷"
        case .mediator: return "王调解员"
        case .result: return "达成协议"
        case .form: return "书面协议"
        case .agreedAmount: return "8000"
        case .reason: return ""
        case .concluded: return "2025/3/10"
        case .remark: return ""
        }
    }

    /// `争议金额（元）` → `争议金额`; `* 受理日期` → `受理日期`.
    static func normalize(_ header: String) -> String {
        var out = ""
        var depth = 0
        for character in header {
            switch character {
            case "(", "（": depth += 1
            case ")", "）": depth = max(0, depth - 1)
            case "*", "＊", " ", "\u{3000}", "\t", "\n", "\r": continue
            default: if depth == 0 { out.append(character) }
            }
        }
        return out
    }

    /// The column a header names, if any. `身份证号/统一社会信用代码` keeps its slash: it is listed whole.
    public static func named(_ header: String) -> MediationColumn? {
        let key = normalize(header)
        return allCases.first { column in column.headers.contains { normalize($0) == key } }
    }
}
