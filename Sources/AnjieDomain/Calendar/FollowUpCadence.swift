/// The centre's follow-up rhythm for routed and supervised disputes (每周研判、每月回访): a case is
/// behind when a week passes without a weekly review or a month (31 days) without a visit.
public struct FollowUpCadence: Sendable, Equatable {
    public let routedOn: LocalDate
    public let lastWeeklyReview: LocalDate?
    public let lastMonthlyVisit: LocalDate?
    public let weeklyDue: LocalDate
    public let monthlyDue: LocalDate
    /// Tiers (unit, township, grid) that followed up since routing.
    public let tiers: [String]

    public static let weekDays = 7
    public static let monthDays = 31


    /// Nil unless the dispute has been routed.
    public static func of(_ events: [TimedEvent]) -> FollowUpCadence? {
        let route = DisputeRules.Event.route.rawValue, followUp = DisputeRules.Event.followUp.rawValue
        guard let routeIndex = events.lastIndex(where: { $0.event == route }) else { return nil }
        let routed = LocalDate(events[routeIndex].at)
        let since = events[routeIndex...].filter { $0.event == followUp }
        let weekly = since.last { $0.data["kind"]?.stringValue == "weekly_review" }.map { LocalDate($0.at) }
        let monthly = since.last { $0.data["kind"]?.stringValue == "monthly_visit" }.map { LocalDate($0.at) }
        let tiers = Set(since.compactMap { $0.data["tier"]?.stringValue }).sorted()
        return FollowUpCadence(routedOn: routed, lastWeeklyReview: weekly, lastMonthlyVisit: monthly,
                               weeklyDue: (weekly ?? routed).adding(days: weekDays),
                               monthlyDue: (monthly ?? routed).adding(days: monthDays), tiers: tiers)
    }

    public func isBehind(on today: LocalDate) -> Bool { today > weeklyDue || today > monthlyDue }

    public var missingTiers: [String] { ["unit", "township", "grid"].filter { !tiers.contains($0) } }
}
