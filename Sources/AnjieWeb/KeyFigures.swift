import AnjieDomain

/// Which of the report's indicators the dashboard shows as key figures. Only ids: the values come
/// from the recomputed report, the labels and units from `IndicatorRegistry`.
public enum KeyFigures {
    public static let ids = [
        "mediation.mediated", "mediation.success_rate", "mediation.judicial_confirmations",
        "mediation.big3_new", "mediation.big3_conclusion_rate",
        "center.disputes", "center.disputes_resolved", "center.unresolved_followed",
        "review.received", "review.concluded", "legal_aid.cases", "notary.matters",
    ]

    /// This year's figures beside last year's. `href` gives the link to an indicator's cases, or
    /// nil when it has none (a log-record figure, or a figure the case list cannot reproduce).
    public static func figures(thisYear: [IndicatorResult], lastYear: [IndicatorResult],
                               href: (String) -> String?) -> [FigureView] {
        let now = Dictionary(thisYear.map { ($0.indicator.id, $0) }, uniquingKeysWith: { first, _ in first })
        let before = Dictionary(lastYear.map { ($0.indicator.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { id in
            guard let result = now[id] else { return nil }
            let previous = before[id]
            return FigureView(id: id, section: result.indicator.section, label: result.indicator.label,
                              value: withUnit(result), lastValue: previous.map(withUnit) ?? "—",
                              change: change(result, previous), href: result.value == nil ? nil : href(id))
        }
    }

    /// "1869件", "97.6%", "9万余元"-style money is left to the narrative; here amounts are yuan.
    public static func withUnit(_ result: IndicatorResult) -> String {
        result.value == nil ? "—" : result.formatted + result.indicator.unit
    }

    /// Year-on-year change: counts in their unit, rates in percentage points.
    static func change(_ now: IndicatorResult, _ before: IndicatorResult?) -> String? {
        guard let value = now.value, let old = before?.value else { return nil }
        let difference = value - old
        let sign = difference > 0 ? "+" : difference < 0 ? "−" : "±"
        let magnitude = Rounding.format(abs(difference), kind: now.indicator.kind)
        if case .rate = now.indicator.kind { return "\(sign)\(magnitude)个百分点" }
        return "\(sign)\(magnitude)\(now.indicator.unit)"
    }
}
