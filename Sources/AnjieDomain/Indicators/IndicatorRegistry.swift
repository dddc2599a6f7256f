/// Every figure of report-2025.md, declared once (one file per section: MediationIndicators,
/// CenterIndicators, ReviewIndicators, LegalServicesIndicators). Ids are canonical (the report's JSON uses them);
/// published values are for reconciliation only — nothing here is ever reported as a result.
public enum IndicatorRegistry {
    /// In the report's order; each section's figures are declared in its own file.
    public static let all: [Indicator] = MediationIndicators.all + CenterIndicators.all + ReviewIndicators.all
        + LegalServicesIndicators.all

    public static func indicator(_ id: String) -> Indicator? { all.first { $0.id == id } }

    /// Figures that take part in a contradiction of the published report: the reconciliation says so.
    public static let contradictionNotes: [String: String] = [:]

    /// Published statements that contradict each other, so no set of records can reproduce both.
    public static let publishedContradictions: [String] = [
        "依申请公开：第八部分称收到申请8件（线上5件、线下3件），第九部分称23件（线上5件、线下18件，2件正在处理）。同一组记录只能得出其中一个数字；待“依申请公开”流程上线后由记录计算。/ Disclosure requests: section 八 says 8 (5 online, 3 offline), section 九 says 23 (5 online, 18 offline, 2 pending); one set of records cannot give both.",
    ]
}
