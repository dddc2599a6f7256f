/// 行政复议: review and administrative mediation figures, each declared once with its computation.
enum ReviewIndicators {
    static let section = "行政复议"

    /// `decide` moves a review to `decided`, which no event leaves: one decision per case, so
    /// counting cases counts decisions.
    static let decidedInYear = CaseCondition.workflow(ReviewRules.self) && .happened(ReviewRules.self, .decide, in: .year)
    static let adminMediation = CaseCondition.workflow(AdminMediationRules.self)

    static let all: [Indicator] = [
        Indicator("review.received", "收到行政复议申请", unit: "件", section: section,
                  definition: "当年收到的行政复议申请（受理另计）/ applications received in the year", published: .value(69, text: "69件"),
                  .count(.cases(.workflow(ReviewRules.self) && .openedInYear))),
        Indicator("review.concluded", "办结", unit: "件", section: section,
                  definition: "当年作出复议决定或终止的案件，不论收到年份（不予受理、视为放弃不计）/ decided or terminated in the year",
                  published: .value(51, text: "51件"),
                  .count(.cases(.workflow(ReviewRules.self) && .happened(ReviewRules.self, .decide, .terminate, in: .year)))),
        Indicator("review.public_hearings", "公开听证", unit: "次", section: section,
                  definition: "当年公开举行的听证 / public hearings held in the year", published: .value(1, text: "1次"),
                  .count(.events(.of(ReviewRules.self, .hearing, in: .year, where: DataTest("public", .isTrue)), of: nil))),
        Indicator("review.mediation_cases", "行政争议调解中心受理调解案件", unit: "件", section: section,
                  definition: "当年受理的行政争议调解案件（复议中与诉前）/ admin mediation cases accepted in the year", published: .value(11, text: "11件"),
                  .count(.cases(adminMediation && .openedInYear))),
        Indicator("review.mediated_in_review", "在行政复议中成功调解", unit: "件", section: section,
                  definition: "复议中调解当年达成协议的 / in-review admin mediations agreed in the year", published: .value(4, text: "4件"),
                  .count(.cases(adminMediation && .column(.stage, is: "in_review")
                                && .happened(AdminMediationRules.self, .agree, in: .year)))),
        Indicator("review.prelitigation_open", "诉前调解案件正在推进", unit: "件", section: section,
                  definition: "年末仍在调解中的诉前调解案件 / pre-litigation admin mediations still mediating at year end", published: .value(1, text: "1件"),
                  .count(.stock(at: .yearEnd, adminMediation && .column(.stage, is: "pre_litigation")
                                && !.happened(AdminMediationRules.self, .agree, .fail, in: .beforeYearEnd)))),
        Indicator("review.correction_rate", "纠错率（未公布）", unit: "%", section: section,
                  definition: "当年复议决定中变更、撤销、确认违法、责令履行、确认无效的 ÷ 当年全部复议决定 / corrective decisions ÷ all decisions in the year",
                  denominator: "当年复议决定 decisions in the year", published: nil,
                  .rate(decimals: 1,
                        .cases(.workflow(ReviewRules.self)
                               && .happened(ReviewRules.self, .decide, in: .year, where: DataTest("outcome", .oneOf(ReviewRules.correctiveOutcomes)))),
                        over: .cases(decidedInYear))),
    ]
}
