/// 法律援助与公证: legal aid, notarisation and public legal service figures, each declared once
/// with its computation.
enum LegalServicesIndicators {
    static let section = "法律援助与公证"

    static let accepted = CaseCondition.workflow(NotarizationRules.self) && .happened(NotarizationRules.self, .accept, in: .year)

    static let all: [Indicator] = [
        Indicator("legal_aid.visitors", "接待来访群众", unit: "人次", section: section,
                  definition: "公共法律服务中心来访接待记录 / reception records at the public legal service centre", published: .value(1612, text: "1612人次"),
                  .count(.logRecords(.log(.reception, .site, is: "legal_service")))),
        Indicator("legal_aid.cases", "受理并组织实施法律援助案件", unit: "件", section: section,
                  definition: "当年进入“已批准”的法律援助案件（批准、通知辩护/代理、异议成立）/ legal-aid cases entering granted in the year",
                  published: .value(290, text: "290件"),
                  .count(.cases(.workflow(LegalAidRules.self)
                                && .happened(LegalAidRules.self, .grant, .notify, .objectionUpheld, in: .year)))),
        Indicator("notary.matters", "受理公证事项", unit: "件", section: section,
                  definition: "当年受理的公证事项 / notarisation cases accepted in the year", published: .value(155, text: "155件"),
                  .count(.cases(accepted))),
        Indicator("notary.appointments", "预约办证服务", unit: "名", section: section,
                  definition: "其中预约办证（booked，每件一名申请人；预约的上门服务也计入）/ of those, booked (one applicant per matter; a booked home visit counts too)",
                  published: .value(135, text: "135名"),
                  .count(.cases(accepted && .column(.booked, .isTrue)))),
        Indicator("notary.home_visits", "免费上门公证服务", unit: "名", section: section,
                  definition: "其中免费上门服务（多为预约，故与预约办证可重叠）/ of those, home visits with the fee waived (mostly booked, so they overlap the appointments)",
                  published: .value(53, text: "53名"),
                  .count(.cases(accepted && .column(.service, is: "home_visit") && .column(.feeWaived, .isTrue)))),
        Indicator("legal_aid.enterprise_checkups", "“法治体检+合规指导”覆盖工业企业", unit: "家", section: section,
                  definition: "当年法治体检记录中不同的统一社会信用代码 / distinct credit codes among the year's check-ups",
                  published: .value(92, text: "92家"),
                  .count(.logDistinct(.creditCode, of: .log(.enterpriseCheckup)))),
    ]
}
