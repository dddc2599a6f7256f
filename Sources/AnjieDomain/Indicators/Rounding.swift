import Foundation

/// Rates are percentage numbers rounded half-up to the declared decimals (report-2025.md), done in
/// integers so 58/60 → 96.67 exactly and never 96.66999….
public enum Rounding {
    public static func value(of counts: IndicatorCounts, kind: Indicator.Kind) -> Double? {
        switch kind {
        case .count:
            return counts.numerator
        case .amount:
            return (counts.numerator * 100).rounded() / 100
        case .rate(let decimals):
            guard let denominator = counts.denominator, denominator > 0 else { return nil }
            return halfUpPercent(Int64(counts.numerator.rounded()), Int64(denominator.rounded()), decimals: decimals)
        }
    }

    /// numerator ÷ denominator × 100, half-up to `decimals`, for non-negative integers.
    public static func halfUpPercent(_ numerator: Int64, _ denominator: Int64, decimals: Int) -> Double {
        let scale = Int64(pow(10, Double(decimals)).rounded())
        let scaled = (numerator * 100 * scale * 2 + denominator) / (2 * denominator)
        return Double(scaled) / Double(scale)
    }

    /// The same ratio truncated, which is how some published rates were printed.
    public static func truncatedPercent(_ numerator: Int64, _ denominator: Int64, decimals: Int) -> Double {
        let scale = Int64(pow(10, Double(decimals)).rounded())
        return Double(numerator * 100 * scale / denominator) / Double(scale)
    }

    public static func format(_ value: Double, kind: Indicator.Kind) -> String {
        switch kind {
        case .count: return String(Int64(value.rounded()))
        case .amount: return String(format: "%.2f", value)
        case .rate(let decimals): return String(format: "%.\(decimals)f", value)
        }
    }
}

/// 诉讼费用交纳办法 art. 13: the acceptance fee of a property case, cumulative by band. Full fee
/// (not halved); 50 yuan when the amount is missing or at most 10,000. The SQL function
/// `anjie_court_fee` (Schema/003) is the same table; a test keeps them equal.
public enum CourtFee {
    /// (upper bound of the band, rate within it)
    public static let bands: [(upTo: Double, rate: Double)] = [
        (100_000, 0.025), (200_000, 0.02), (500_000, 0.015), (1_000_000, 0.01), (2_000_000, 0.009),
        (5_000_000, 0.008), (10_000_000, 0.007), (20_000_000, 0.006), (.infinity, 0.005),
    ]

    public static func fee(forAmount amount: Double?) -> Double {
        guard let amount, amount > 10_000 else { return 50 }
        var fee = 50.0
        var lower = 10_000.0
        for band in bands where amount > lower {
            fee += (min(amount, band.upTo) - lower) * band.rate
            lower = band.upTo
        }
        return (fee * 100).rounded() / 100
    }
}
