/// Recomputed versus published: equal, within a printed range, or different — and if different,
/// why, when the reason can be named (a truncated rate, a figure the records contradict).
public enum Reconciliation {
    public static func compare(_ indicator: Indicator, counts: IndicatorCounts?, value: Double?) -> (matches: Bool?, note: String?) {
        guard let published = indicator.published else { return (nil, nil) }
        guard let value, let counts else {
            return (nil, "无法计算（分母为0或该维度无此数据）/ not computable here")
        }
        switch published {
        case .range(let low, let high, let text):
            if value >= low && value < high { return (true, nil) }
            return (false, "重算值 \(Rounding.format(value, kind: indicator.kind)) 不在“\(text)”所示区间 [\(Int(low)), \(Int(high))) / recomputed value is outside the published range")
        case .value(let number, let text):
            if abs(value - number) < 1e-9 { return (true, nil) }
            if case .rate(let decimals) = indicator.kind, let denominator = counts.denominator, denominator > 0 {
                let truncated = Rounding.truncatedPercent(Int64(counts.numerator), Int64(denominator), decimals: decimals)
                if abs(truncated - number) < 1e-9 {
                    let fraction = "\(Int64(counts.numerator))/\(Int64(denominator))"
                    return (false, "公布值 \(text) 为截断所得：\(fraction) 截断为 \(Rounding.format(truncated, kind: indicator.kind))%，四舍五入应为 \(Rounding.format(value, kind: indicator.kind))% / the published \(text) truncates \(fraction); half-up rounding gives \(Rounding.format(value, kind: indicator.kind))%")
                }
            }
            let difference = value - number
            let sign = difference > 0 ? "+" : ""
            let note = "与公布值 \(text) 相差 \(sign)\(Rounding.format(difference, kind: indicator.kind)) / differs from the published \(text) by \(sign)\(Rounding.format(difference, kind: indicator.kind))"
            return (false, IndicatorRegistry.contradictionNotes[indicator.id].map { note + "；" + $0 } ?? note)
        }
    }
}
