/// Every figure of report-2025.md, declared once. Ids are canonical (the report's JSON uses them);
/// published values are for reconciliation only — nothing here is ever reported as a result.
public enum IndicatorRegistry {
    static let mediation = "人民调解"
    static let center = "县综治中心"
    static let review = "行政复议"
    static let legalAid = "法律援助与公证"

    public static let all: [Indicator] = mediationIndicators + centerIndicators + reviewIndicators + legalAidIndicators

    public static func indicator(_ id: String) -> Indicator? { all.first { $0.id == id } }

    static let mediationIndicators: [Indicator] = [
        Indicator("mediation.mediated", "调解民间纠纷", unit: "件", section: mediation,
                  definition: "当年调解终结（达成协议、调解不成或终止）的人民调解案件，不论受理年份；劳动争议调解组织除外 / mediation cases ended (agree, fail, terminate) in the year, labour organisations excluded",
                  published: .value(1869, text: "1869件")),
        Indicator("mediation.succeeded", "成功调解", unit: "件", section: mediation,
                  definition: "其中当年达成协议（书面或口头）的 / of those, ended with agree",
                  published: .value(1825, text: "1825件")),
        Indicator("mediation.success_rate", "调解成功率", unit: "%", section: mediation, kind: .rate(decimals: 1),
                  definition: "成功调解 ÷ 调解民间纠纷 / succeeded ÷ mediated", denominator: "mediation.mediated",
                  published: .value(97.6, text: "97.6%")),
        Indicator("mediation.judicial_confirmations", "完成司法确认", unit: "件", section: mediation,
                  definition: "当年法院裁定确认的调解协议 / judicial confirmations granted in the year",
                  published: .value(174, text: "174件")),
        Indicator("mediation.litigation_cost_saved", "节约诉讼成本", unit: "元", section: mediation, kind: .amount,
                  definition: "当年完成司法确认案件按受理时争议金额计算的案件受理费之和（诉讼费用交纳办法第13条，累进计算，不减半；未填或为0按50元）/ sum of the court acceptance fees the year's confirmed cases would have cost",
                  published: .range(low: 90_000, high: 100_000, text: "9万余元")),
        Indicator("mediation.trainings", "人民调解员培训", unit: "场", section: mediation, source: .logRecords,
                  definition: "当年培训记录数 / training records in the year", published: .value(26, text: "26场")),
        Indicator("mediation.trainees", "覆盖调解员", unit: "人次", section: mediation, source: .logRecords,
                  definition: "当年培训参训人次之和 / sum of attendees", published: .value(1042, text: "1042人次")),
        Indicator("mediation.big3_new", "“三大纠纷”新案", unit: "件", section: mediation,
                  definition: "当年受理的土地、山林、水利纠纷调解案件 / mediation cases accepted in the year with big3 set",
                  published: .value(60, text: "60件")),
        Indicator("mediation.big3_stable_rate", "案件稳控率", unit: "%", section: mediation, kind: .rate(decimals: 1),
                  definition: "年末前无矛盾升级（民转刑、群体性上访、械斗、越级上访、自杀）的三大纠纷新案 ÷ 三大纠纷新案 / new big-3 cases with no escalation before year end ÷ new big-3 cases",
                  denominator: "mediation.big3_new", published: .value(100, text: "100%")),
        Indicator("mediation.big3_concluded", "已调结", unit: "起", section: mediation,
                  definition: "年末前达成协议或经政府处理决定的三大纠纷新案 / new big-3 cases with agree or rule before year end",
                  published: .value(58, text: "58起")),
        Indicator("mediation.big3_conclusion_rate", "调结率", unit: "%", section: mediation, kind: .rate(decimals: 2),
                  definition: "已调结 ÷ 三大纠纷新案，保留两位小数 / big3_concluded ÷ big3_new", denominator: "mediation.big3_new",
                  published: .value(96.66, text: "96.66%")),
        Indicator("mediation.big3_backlog", "历史积案调结", unit: "件", section: mediation,
                  definition: "往年受理、年初仍在调解中、当年调结的三大纠纷案件；分母为年初积案数 / big-3 cases accepted before the year, mediating at its start, concluded in it; denominator: the backlog at the start",
                  denominator: "年初积案 backlog at the start of the year", published: .value(5, text: "5件（全部调结）")),
        Indicator("mediation.labor_resolved", "化解劳动纠纷", unit: "件", section: mediation,
                  definition: "劳动争议调解组织当年达成协议的案件 / cases of labour organisations ended with agree in the year",
                  published: .value(41, text: "41件")),
        Indicator("mediation.labor_success_rate", "调解成功率（劳动争议）", unit: "%", section: mediation, kind: .rate(decimals: 1),
                  definition: "化解劳动纠纷 ÷ 劳动争议调解组织当年调解终结的案件 / labor_resolved ÷ labour cases ended in the year",
                  denominator: "劳动争议调解组织当年调解终结 labour cases ended", published: .value(95.3, text: "95.3%")),
    ]

    static let centerIndicators: [Indicator] = [
        Indicator("center.visitors", "接待群众", unit: "人次", section: center, source: .logRecords,
                  definition: "县综治中心来访接待记录 / reception records at the centre", published: .value(263, text: "263人次")),
        Indicator("center.desk_consultations", "导访台受理咨询", unit: "件次", section: center, source: .logRecords,
                  definition: "县综治中心导访台咨询记录 / desk consultations at the centre", published: .value(125, text: "125件次")),
        Indicator("center.cases", "办理各类案件", unit: "件", section: center,
                  definition: "当年登记的矛盾纠纷与其他事项 / dispute and matter cases registered in the year", published: .value(179, text: "179件")),
        Indicator("center.disputes", "矛盾纠纷类", unit: "件", section: center,
                  definition: "当年登记的矛盾纠纷 / dispute cases registered in the year", published: .value(145, text: "145件")),
        Indicator("center.disputes_police", "警情推送", unit: "件", section: center,
                  definition: "其中来源为警情推送 / of those, channel police_push", published: .value(103, text: "103件")),
        Indicator("center.disputes_walk_in", "群众来访", unit: "件", section: center,
                  definition: "其中来源为群众来访 / of those, channel walk_in", published: .value(42, text: "42件")),
        Indicator("center.disputes_resolved", "成功化解", unit: "件", section: center,
                  definition: "其中年末处于案结事了且由调解成功或化解办结结案的（化解后重新研判仍未结的不算）/ of those, closed at year end by mediation_succeeded or resolve",
                  published: .value(53, text: "53件")),
        Indicator("center.other_matters", "办理其他事项", unit: "件", section: center,
                  definition: "当年登记的其他事项 / matter cases registered in the year", published: .value(34, text: "34件")),
        Indicator("center.legal_consultations", "提供法律咨询服务", unit: "件", section: center,
                  definition: "其中法律咨询 / of those, kind legal_consultation", published: .value(22, text: "22件")),
        Indicator("center.unresolved_followed", "未化解矛盾纠纷", unit: "件", section: center,
                  definition: "当年登记、年末未化解的矛盾纠纷（含撤回、转诉讼等结案）/ registered in the year and not resolved at year end",
                  published: .value(92, text: "92件")),
        Indicator("center.unresolved_followed_cadence", "按“每周研判、每月回访”跟进的未化解纠纷", unit: "件", section: center,
                  definition: "未化解纠纷中，自分类流转至结案或年末，每次每周研判间隔不超过7日、每月回访间隔不超过31日，且责任单位、乡镇、网格三级均有跟进的 / unresolved disputes whose follow-up met the weekly/monthly cadence with all three tiers",
                  denominator: "center.unresolved_followed", published: nil),
    ]

    static let reviewIndicators: [Indicator] = [
        Indicator("review.received", "收到行政复议申请", unit: "件", section: review,
                  definition: "当年收到的行政复议申请（受理另计）/ applications received in the year", published: .value(69, text: "69件")),
        Indicator("review.concluded", "办结", unit: "件", section: review,
                  definition: "当年作出复议决定或终止的案件，不论收到年份（不予受理、视为放弃不计）/ decided or terminated in the year",
                  published: .value(51, text: "51件")),
        Indicator("review.public_hearings", "公开听证", unit: "次", section: review,
                  definition: "当年公开举行的听证 / public hearings held in the year", published: .value(1, text: "1次")),
        Indicator("review.mediation_cases", "行政争议调解中心受理调解案件", unit: "件", section: review,
                  definition: "当年受理的行政争议调解案件（复议中与诉前）/ admin mediation cases accepted in the year", published: .value(11, text: "11件")),
        Indicator("review.mediated_in_review", "在行政复议中成功调解", unit: "件", section: review,
                  definition: "复议中调解当年达成协议的 / in-review admin mediations agreed in the year", published: .value(4, text: "4件")),
        Indicator("review.prelitigation_open", "诉前调解案件正在推进", unit: "件", section: review,
                  definition: "年末仍在调解中的诉前调解案件 / pre-litigation admin mediations still mediating at year end", published: .value(1, text: "1件")),
        Indicator("review.correction_rate", "纠错率（未公布）", unit: "%", section: review, kind: .rate(decimals: 1),
                  definition: "当年复议决定中变更、撤销、确认违法、责令履行、确认无效的 ÷ 当年全部复议决定 / corrective decisions ÷ all decisions in the year",
                  denominator: "当年复议决定 decisions in the year", published: nil),
    ]

    static let legalAidIndicators: [Indicator] = [
        Indicator("legal_aid.visitors", "接待来访群众", unit: "人次", section: legalAid, source: .logRecords,
                  definition: "公共法律服务中心来访接待记录 / reception records at the public legal service centre", published: .value(1612, text: "1612人次")),
        Indicator("legal_aid.cases", "受理并组织实施法律援助案件", unit: "件", section: legalAid,
                  definition: "当年进入“已批准”的法律援助案件（批准、通知辩护/代理、异议成立）/ legal-aid cases entering granted in the year",
                  published: .value(290, text: "290件")),
        Indicator("notary.matters", "受理公证事项", unit: "件", section: legalAid,
                  definition: "当年受理的公证事项 / notarisation cases accepted in the year", published: .value(155, text: "155件")),
        Indicator("notary.appointments", "预约办证服务", unit: "名", section: legalAid,
                  definition: "其中预约办证（每件一名申请人）/ of those, by appointment", published: .value(135, text: "135名")),
        Indicator("notary.home_visits", "免费上门公证服务", unit: "名", section: legalAid,
                  definition: "其中免费上门服务 / of those, home visits with the fee waived", published: .value(53, text: "53名")),
        Indicator("legal_aid.enterprise_checkups", "“法治体检+合规指导”覆盖工业企业", unit: "家", section: legalAid, source: .logRecords,
                  definition: "当年法治体检记录中不同的统一社会信用代码 / distinct credit codes among the year's check-ups",
                  published: .value(92, text: "92家")),
    ]

    /// Figures that take part in a contradiction of the published report: the reconciliation says so.
    public static let contradictionNotes: [String: String] = [
        "notary.home_visits": "公布的135名预约与53名上门之和超过155件公证事项，三者不能同时由记录得出 / the published 135 + 53 exceed the 155 matters: records cannot give all three",
    ]

    /// Published statements that contradict each other, so no set of records can reproduce both.
    public static let publishedContradictions: [String] = [
        "依申请公开：第八部分称收到申请8件（线上5件、线下3件），第九部分称23件（线上5件、线下18件，2件正在处理）。同一组记录只能得出其中一个数字；待“依申请公开”流程上线后由记录计算。/ Disclosure requests: section 八 says 8 (5 online, 3 offline), section 九 says 23 (5 online, 18 offline, 2 pending); one set of records cannot give both.",
        "公证：预约办证135名与免费上门53名之和（188）超过受理公证事项155件；若每件只有一种服务方式，三者不能同时成立。/ Notarisation: 135 appointments + 53 home visits = 188 > 155 matters; with one service per matter all three cannot hold.",
    ]
}
