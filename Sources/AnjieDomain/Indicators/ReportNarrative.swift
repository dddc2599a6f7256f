/// The annual-statistics section in the report's own phrasing (section 七 of the county's annual
/// report), with every figure taken from the recomputed indicators.
public enum ReportNarrative {
    public static func paragraphs(year: Int, results: [IndicatorResult]) -> [String] {
        let byID = Dictionary(results.map { ($0.indicator.id, $0) }, uniquingKeysWith: { first, _ in first })
        func v(_ id: String) -> String { byID[id]?.formatted ?? "—" }
        func n(_ id: String) -> Int? { byID[id]?.value.map { Int($0.rounded()) } }
        let backlog = byID["mediation.big3_backlog"]
        let backlogText: String
        if let counts = backlog?.counts, let total = counts.denominator {
            let done = Int(counts.numerator), all = Int(total)
            backlogText = all == 0 ? "无历史积案" : done == all ? "\(all)件历史积案已全部调结" : "\(all)件历史积案中已调结\(done)件"
        } else {
            backlogText = "历史积案情况—"
        }
        let cadence = n("center.unresolved_followed_cadence").map { "，其中\($0)件按期完成每周研判、每月回访" } ?? ""
        return [
            "一是人民调解。组织开展人民调解员培训\(v("mediation.trainings"))场，覆盖调解员\(v("mediation.trainees"))人次。"
                + "\(year)年，全县各级人民调解组织共调解民间纠纷\(v("mediation.mediated"))件，成功调解\(v("mediation.succeeded"))件，"
                + "调解成功率\(v("mediation.success_rate"))%。完成司法确认案件\(v("mediation.judicial_confirmations"))件，"
                + "为群众节约诉讼成本\(wan(byID["mediation.litigation_cost_saved"]?.value))。"
                + "\(year)年共受理“三大纠纷”新案\(v("mediation.big3_new"))件，案件稳控率达\(v("mediation.big3_stable_rate"))%，"
                + "已调结\(v("mediation.big3_concluded"))起，调结率\(v("mediation.big3_conclusion_rate"))%；\(backlogText)。",
            "二是县级综治中心。截至\(year)年12月31日，县综治中心共接待群众\(v("center.visitors"))人次，"
                + "导访台受理咨询\(v("center.desk_consultations"))件次，办理各类案件\(v("center.cases"))件，其中，"
                + "矛盾纠纷类\(v("center.disputes"))件（警情推送\(v("center.disputes_police"))件、群众来访\(v("center.disputes_walk_in"))件），"
                + "成功化解\(v("center.disputes_resolved"))件；办理其他事项\(v("center.other_matters"))件，"
                + "提供法律咨询服务\(v("center.legal_consultations"))件。针对未化解的\(v("center.unresolved_followed"))件矛盾纠纷，"
                + "实行“责任单位+乡镇+网格员”三级联动跟进\(cadence)。",
            "三是行政复议。\(year)年，全县共收行政复议申请\(v("review.received"))件，办结\(v("review.concluded"))件，"
                + "公开听证\(v("review.public_hearings"))次。县行政争议调解中心共受理调解案件\(v("review.mediation_cases"))件，其中，"
                + "\(v("review.mediated_in_review"))件在行政复议中成功调解，\(v("review.prelitigation_open"))件诉前调解案件正按程序推进。"
                + (byID["review.correction_rate"]?.value.map { "（未公布：复议纠错率\(Rounding.format($0, kind: .rate(decimals: 1)))%。）" } ?? ""),
            "四是法律援助与公共法律服务。共接待来访群众\(v("legal_aid.visitors"))人次，依法受理并组织实施法律援助案件\(v("legal_aid.cases"))件；"
                + "规范受理公证事项\(v("notary.matters"))件，为\(v("notary.appointments"))名群众提供预约办证服务，"
                + "为\(v("notary.home_visits"))名行动不便群众提供免费上门公证服务。“法治体检+合规指导”覆盖工业企业\(v("legal_aid.enterprise_checkups"))家；"
                + "劳动争议调解组织成功化解劳动纠纷\(v("mediation.labor_resolved"))件，调解成功率\(v("mediation.labor_success_rate"))%。",
        ]
    }

    /// 93,456.78 yuan → "9万余元", as the report prints money; under 10,000 → "8,650.00元".
    public static func wan(_ yuan: Double?) -> String {
        guard let yuan else { return "—" }
        if yuan < 10_000 { return Rounding.format(yuan, kind: .amount) + "元" }
        let wan = Int(yuan / 10_000)
        return yuan == Double(wan) * 10_000 ? "\(wan)万元" : "\(wan)万余元"
    }
}
