/// 人民调解: the report's mediation figures, each declared once with its computation.
enum MediationIndicators {
    static let section = "人民调解"

    static let labor = CaseCondition.column(.organizationKind, is: "labor")
    /// Ended in the year: agreement, failure or termination (a government decision is not mediation).
    static let ended = CaseCondition.workflow(MediationRules.self)
        && .happened(MediationRules.self, .agree, .fail, .terminate, in: .year)
    static let agreed = CaseCondition.workflow(MediationRules.self) && .happened(MediationRules.self, .agree, in: .year)
    static let confirmed = CaseCondition.workflow(MediationRules.self)
        && .happened(MediationRules.self, .confirmationGranted, in: .year)
    static let big3 = CaseCondition.workflow(MediationRules.self) && .column(.big3, .isNotNull)
    static let big3New = big3 && .openedInYear
    /// Concluded: an agreement or a government decision.
    static let big3ConcludedByYearEnd = big3New && .happened(MediationRules.self, .agree, .rule, in: .beforeYearEnd)
    /// The backlog at the start of the year: accepted before it, not ended before it.
    static let big3Backlog = big3 && !.happened(MediationRules.self, .agree, .fail, .terminate, .rule, in: .beforeYearStart)

    static let all: [Indicator] = [
        Indicator("mediation.mediated", "调解民间纠纷", unit: "件", section: section,
                  definition: "当年调解终结（达成协议、调解不成或终止）的人民调解案件，不论受理年份；劳动争议调解组织除外 / mediation cases ended (agree, fail, terminate) in the year, labour organisations excluded",
                  published: .value(1869, text: "1869件"),
                  .count(.cases(ended && !labor))),
        Indicator("mediation.succeeded", "成功调解", unit: "件", section: section,
                  definition: "其中当年达成协议（书面或口头）的 / of those, ended with agree",
                  published: .value(1825, text: "1825件"),
                  .count(.cases(agreed && !labor))),
        Indicator("mediation.success_rate", "调解成功率", unit: "%", section: section,
                  definition: "成功调解 ÷ 调解民间纠纷 / succeeded ÷ mediated", denominator: "mediation.mediated",
                  published: .value(97.6, text: "97.6%"),
                  .rate(decimals: 1, .indicator("mediation.succeeded"), over: .indicator("mediation.mediated"))),
        // A confirmation moves the case to `confirmed`, which it never leaves for `confirming`
        // again: one confirmation per case, so counting cases counts confirmations.
        Indicator("mediation.judicial_confirmations", "完成司法确认", unit: "件", section: section,
                  definition: "当年法院裁定确认的调解协议 / judicial confirmations granted in the year",
                  published: .value(174, text: "174件"),
                  .count(.cases(confirmed))),
        Indicator("mediation.litigation_cost_saved", "节约诉讼成本", unit: "元", section: section,
                  definition: "当年完成司法确认案件按受理时争议金额计算的案件受理费之和（诉讼费用交纳办法第13条，累进计算，不减半；未填或为0按50元）/ sum of the court acceptance fees the year's confirmed cases would have cost",
                  published: .range(low: 90_000, high: 100_000, text: "9万余元"),
                  .amount(.sum(.courtFee, of: confirmed))),
        Indicator("mediation.trainings", "人民调解员培训", unit: "场", section: section,
                  definition: "当年培训记录数 / training records in the year", published: .value(26, text: "26场"),
                  .count(.logRecords(.log(.training)))),
        Indicator("mediation.trainees", "覆盖调解员", unit: "人次", section: section,
                  definition: "当年培训参训人次之和 / sum of attendees", published: .value(1042, text: "1042人次"),
                  .count(.logSum(.attendees, of: .log(.training)))),
        Indicator("mediation.big3_new", "“三大纠纷”新案", unit: "件", section: section,
                  definition: "当年受理的土地、山林、水利纠纷调解案件 / mediation cases accepted in the year with big3 set",
                  published: .value(60, text: "60件"),
                  .count(.cases(big3New))),
        Indicator("mediation.big3_stable_rate", "案件稳控率", unit: "%", section: section,
                  definition: "年末前无矛盾升级（民转刑、群体性上访、械斗、越级上访、自杀）的三大纠纷新案 ÷ 三大纠纷新案 / new big-3 cases with no escalation before year end ÷ new big-3 cases",
                  denominator: "mediation.big3_new", published: .value(100, text: "100%"),
                  .rate(decimals: 1, .cases(big3New && !.happened(MediationRules.self, .escalation, in: .beforeYearEnd)),
                        over: .indicator("mediation.big3_new"))),
        Indicator("mediation.big3_concluded", "已调结", unit: "起", section: section,
                  definition: "年末前达成协议或经政府处理决定的三大纠纷新案 / new big-3 cases with agree or rule before year end",
                  published: .value(58, text: "58起"),
                  .count(.cases(big3ConcludedByYearEnd))),
        Indicator("mediation.big3_conclusion_rate", "调结率", unit: "%", section: section,
                  definition: "已调结 ÷ 三大纠纷新案，保留两位小数 / big3_concluded ÷ big3_new", denominator: "mediation.big3_new",
                  published: .value(96.66, text: "96.66%"),
                  .rate(decimals: 2, .indicator("mediation.big3_concluded"), over: .indicator("mediation.big3_new"))),
        Indicator("mediation.big3_backlog", "历史积案调结", unit: "件", section: section,
                  definition: "往年受理、年初仍在调解中、当年调结的三大纠纷案件；分母为年初积案数 / big-3 cases accepted before the year, mediating at its start, concluded in it; denominator: the backlog at the start",
                  denominator: "年初积案 backlog at the start of the year", published: .value(5, text: "5件（全部调结）"),
                  .count(.stock(at: .yearStart, big3Backlog && .happened(MediationRules.self, .agree, .rule, in: .year)),
                         outOf: .stock(at: .yearStart, big3Backlog))),
        Indicator("mediation.labor_resolved", "化解劳动纠纷", unit: "件", section: section,
                  definition: "劳动争议调解组织当年达成协议的案件 / cases of labour organisations ended with agree in the year",
                  published: .value(41, text: "41件"),
                  .count(.cases(agreed && labor))),
        Indicator("mediation.labor_success_rate", "调解成功率（劳动争议）", unit: "%", section: section,
                  definition: "化解劳动纠纷 ÷ 劳动争议调解组织当年调解终结的案件 / labor_resolved ÷ labour cases ended in the year",
                  denominator: "劳动争议调解组织当年调解终结 labour cases ended", published: .value(95.3, text: "95.3%"),
                  .rate(decimals: 1, .indicator("mediation.labor_resolved"), over: .cases(ended && labor))),
    ]
}
