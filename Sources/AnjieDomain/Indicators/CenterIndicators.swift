/// 县综治中心: the centre's figures, each declared once with its computation.
enum CenterIndicators {
    static let section = "县综治中心"

    static let disputes = CaseCondition.workflow(DisputeRules.self) && .openedInYear
    static let matters = CaseCondition.workflow(MatterRules.self) && .openedInYear
    /// Resolved is the state at year end: a dispute resolved and then reopened is not.
    static let resolvedAtYearEnd = CaseCondition.lastEventBeforeYearEnd(DisputeRules.self, is: .mediationSucceeded, .resolve)
    static let unresolved = disputes && !resolvedAtYearEnd

    static let all: [Indicator] = [
        Indicator("center.visitors", "接待群众", unit: "人次", section: section,
                  definition: "县综治中心来访接待记录 / reception records at the centre", published: .value(263, text: "263人次"),
                  .count(.logRecords(.log(.reception, .site, is: "center")))),
        Indicator("center.desk_consultations", "导访台受理咨询", unit: "件次", section: section,
                  definition: "县综治中心导访台咨询记录 / desk consultations at the centre", published: .value(125, text: "125件次"),
                  .count(.logRecords(.log(.deskConsultation, .site, is: "center")))),
        Indicator("center.cases", "办理各类案件", unit: "件", section: section,
                  definition: "当年登记的矛盾纠纷与其他事项 / dispute and matter cases registered in the year", published: .value(179, text: "179件"),
                  .count(.cases(.workflow(DisputeRules.self, MatterRules.self) && .openedInYear))),
        Indicator("center.disputes", "矛盾纠纷类", unit: "件", section: section,
                  definition: "当年登记的矛盾纠纷 / dispute cases registered in the year", published: .value(145, text: "145件"),
                  .count(.cases(disputes))),
        Indicator("center.disputes_police", "警情推送", unit: "件", section: section,
                  definition: "其中来源为警情推送 / of those, channel police_push", published: .value(103, text: "103件"),
                  .count(.cases(disputes && .column(.channel, is: "police_push")))),
        Indicator("center.disputes_walk_in", "群众来访", unit: "件", section: section,
                  definition: "其中来源为群众来访 / of those, channel walk_in", published: .value(42, text: "42件"),
                  .count(.cases(disputes && .column(.channel, is: "walk_in")))),
        Indicator("center.disputes_resolved", "成功化解", unit: "件", section: section,
                  definition: "其中年末处于案结事了且由调解成功或化解办结结案的（化解后重新研判仍未结的不算）/ of those, closed at year end by mediation_succeeded or resolve",
                  published: .value(53, text: "53件"),
                  .count(.cases(disputes && resolvedAtYearEnd))),
        Indicator("center.other_matters", "办理其他事项", unit: "件", section: section,
                  definition: "当年登记的其他事项 / matter cases registered in the year", published: .value(34, text: "34件"),
                  .count(.cases(matters))),
        Indicator("center.legal_consultations", "提供法律咨询服务", unit: "件", section: section,
                  definition: "其中法律咨询 / of those, kind legal_consultation", published: .value(22, text: "22件"),
                  .count(.cases(matters && .column(.kind, is: "legal_consultation")))),
        Indicator("center.unresolved_followed", "未化解矛盾纠纷", unit: "件", section: section,
                  definition: "当年登记、年末未化解的矛盾纠纷（含撤回、转诉讼等结案）/ registered in the year and not resolved at year end",
                  published: .value(92, text: "92件"),
                  .count(.cases(unresolved))),
        Indicator("center.unresolved_followed_cadence", "按“每周研判、每月回访”跟进的未化解纠纷", unit: "件", section: section,
                  definition: "未化解纠纷中，自分类流转至结案或年末，每次每周研判间隔不超过7日、每月回访间隔不超过31日，且责任单位、乡镇、网格三级均有跟进的 / unresolved disputes whose follow-up met the weekly/monthly cadence with all three tiers",
                  denominator: "center.unresolved_followed", published: nil,
                  .count(.cases(unresolved && .sql(followUpCadenceMet)), outOf: .indicator("center.unresolved_followed"))),
    ]

    /// From the first routing before year end until the first resolve, mediation success or close
    /// after it (or year end): no gap between weekly reviews longer than a week, none between
    /// monthly visits longer than `FollowUpCadence.monthDays`, and all three tiers followed up.
    /// Gaps run between routing, each follow-up of the kind and the end of the span. Too
    /// particular for `CaseCondition`'s terms, so it is SQL, with event names from the enum.
    static let followUpCadenceMet: CaseSQL = {
        let route = CaseSQL.literal(DisputeRules.Event.route)
        let followUp = CaseSQL.literal(DisputeRules.Event.followUp)
        let ends = CaseSQL.literals(DisputeRules.concludingEvents)
        func of(_ alias: String) -> String {
            "\(alias).county = c.county AND \(alias).workflow = c.workflow AND \(alias).case_no = c.case_no"
        }
        return CaseSQL("""
            EXISTS (
                SELECT 1
                FROM (SELECT min(r.at) AS routed_at FROM effective_events r
                      WHERE \(of("r")) AND r.event = \(route) AND r.at < $3) routed
                CROSS JOIN LATERAL (
                    SELECT least($3, coalesce(min(x.at), $3)) AS until FROM effective_events x
                    WHERE \(of("x")) AND x.event IN (\(ends)) AND x.at >= routed.routed_at) span
                WHERE routed.routed_at IS NOT NULL
                  AND (SELECT count(DISTINCT f.data->>'tier') FROM effective_events f
                       WHERE \(of("f")) AND f.event = \(followUp)
                         AND f.at >= routed.routed_at AND f.at <= span.until) = \(Vocabulary.followUpTier.ids.count)
                  AND NOT EXISTS (
                      SELECT 1
                      FROM (VALUES ('weekly_review', interval '\(FollowUpCadence.weekDays) days'),
                                   ('monthly_visit', interval '\(FollowUpCadence.monthDays) days')) k(kind, longest)
                      CROSS JOIN LATERAL (
                          SELECT p.at - lag(p.at) OVER (ORDER BY p.at) AS gap
                          FROM (SELECT f.at FROM effective_events f
                                WHERE \(of("f")) AND f.event = \(followUp) AND f.data->>'kind' = k.kind
                                  AND f.at >= routed.routed_at AND f.at <= span.until
                                UNION ALL SELECT routed.routed_at
                                UNION ALL SELECT span.until) p) g
                      WHERE g.gap > k.longest))
            """)
    }()
}
