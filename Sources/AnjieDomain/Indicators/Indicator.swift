/// One figure of the annual report, declared once: what it means, what was published, and how it
/// is computed (`Computation`, compiled by the store into the report's SQL and the dashboard's
/// list of the cases behind it). This module turns the counts into the reported value and
/// compares it with the published one.
public struct Indicator: Sendable, Identifiable {
    public enum Kind: Sendable, Equatable, Hashable {
        /// A whole number of cases, events or people.
        case count
        /// numerator ÷ denominator × 100, rounded half-up to `decimals`.
        case rate(decimals: Int)
        /// Yuan, to 0.01.
        case amount
    }

    /// The figure as the report printed it.
    public enum Published: Sendable, Equatable {
        case value(Double, text: String)
        /// "9万余元": at least `low`, below `high`.
        case range(low: Double, high: Double, text: String)

        public var text: String {
            switch self {
            case .value(_, let text), .range(_, _, let text): return text
            }
        }

        public var number: Double {
            switch self {
            case .value(let value, _): return value
            case .range(let low, _, _): return low
            }
        }
    }

    /// Which records the figure comes from; log-based figures have no township.
    public enum Source: Sendable, Equatable {
        case cases
        case logRecords
    }

    public let id: String
    public let label: String
    public let unit: String
    public let section: String
    /// The definition in words (report-2025.md), shown in reports and docs.
    public let definition: String
    /// What the denominator counts, for rates.
    public let denominator: String?
    public let published: Published?
    /// How it is computed; required, so a figure without a computation does not compile.
    public let computation: Computation

    public var kind: Kind { computation.kind }

    public var source: Source { computation.numerator.isLogBased ? .logRecords : .cases }

    public init(_ id: String, _ label: String, unit: String, section: String, definition: String,
                denominator: String? = nil, published: Published?, _ computation: Computation) {
        self.id = id
        self.label = label
        self.unit = unit
        self.section = section
        self.definition = definition
        self.denominator = denominator
        self.published = published
        self.computation = computation
    }
}

/// What the store computed for one indicator.
public struct IndicatorCounts: Sendable, Equatable {
    public var numerator: Double
    public var denominator: Double?

    public init(numerator: Double, denominator: Double? = nil) {
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// An indicator's recomputed value beside the published one.
public struct IndicatorResult: Sendable {
    public let indicator: Indicator
    public let counts: IndicatorCounts?
    /// Nil when it cannot be computed (a rate over zero, a log figure asked for one township).
    public let value: Double?
    public let matches: Bool?
    /// Why the recomputed value differs from the published one, when it does.
    public let note: String?

    public init(_ indicator: Indicator, counts: IndicatorCounts?) {
        self.indicator = indicator
        self.counts = counts
        self.value = counts.flatMap { Rounding.value(of: $0, kind: indicator.kind) }
        let comparison = Reconciliation.compare(indicator, counts: counts, value: value)
        self.matches = comparison.matches
        self.note = comparison.note
    }

    /// The value as the report prints it: 1869, 97.6, 96.67, 90123.45.
    public var formatted: String {
        guard let value else { return "—" }
        return Rounding.format(value, kind: indicator.kind)
    }
}
