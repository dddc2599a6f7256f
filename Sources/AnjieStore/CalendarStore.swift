import AnjieDomain
import Foundation
import PostgresNIO

/// The working-day calendar in force: the shipped years, overridden or extended by the newest
/// version of each year an administrator loaded. Deadlines read it on every computation, so open
/// cases' due dates follow a newly loaded calendar at once.
public struct CalendarStore: Sendable {
    public let db: Database

    public init(_ db: Database) {
        self.db = db
    }

    public func effective() async throws -> WorkingCalendar {
        var calendar = WorkingCalendar.shipped
        for year in try await loadedYears() { calendar = calendar.loading(year) }
        return calendar
    }

    func loadedYears() async throws -> [WorkingCalendar.Year] {
        let rows = try await db.client.query("""
            SELECT DISTINCT ON (year) year, array_to_string(holidays, ','), array_to_string(workdays, ','), source
            FROM calendar_years ORDER BY year, version DESC
            """, logger: db.logger)
        var years: [WorkingCalendar.Year] = []
        for try await (year, holidays, workdays, source) in rows.decode((Int, String, String, String).self) {
            let parse = { (text: String) in text.split(separator: ",").compactMap { LocalDate.parse(String($0)) } }
            years.append(WorkingCalendar.Year(year: year, holidays: parse(holidays), workdays: parse(workdays), source: source))
        }
        return years
    }

    /// Adds a new version of a year; returns the version number.
    @discardableResult
    public func load(_ year: WorkingCalendar.Year, by actor: String) async throws -> Int {
        try year.validate()
        let holidays = year.holidays.map(\.description)
        let workdays = year.workdays.map(\.description)
        let rows = try await db.client.query("""
            INSERT INTO calendar_years (year, version, holidays, workdays, source, loaded_by)
            SELECT \(year.year), coalesce(max(version), 0) + 1, \(holidays)::date[], \(workdays)::date[], \(year.source), \(actor)
            FROM calendar_years WHERE year = \(year.year)
            RETURNING version
            """, logger: db.logger)
        for try await version in rows.decode(Int.self) { return version }
        return 0
    }

    public func settings(county: String) async throws -> DeadlineSettings {
        var settings = DeadlineSettings()
        let rows = try await db.client.query("SELECT key, value FROM county_settings WHERE county = \(county)", logger: db.logger)
        for try await (key, value) in rows.decode((String, String).self) {
            try? settings.apply(key: key, value: value)
        }
        return settings
    }

    public func setSetting(county: String, key: String, value: String) async throws {
        var probe = DeadlineSettings()
        try probe.apply(key: key, value: value)
        try await db.client.query("""
            INSERT INTO county_settings (county, key, value) VALUES (\(county), \(key), \(value))
            ON CONFLICT (county, key) DO UPDATE SET value = excluded.value, updated_at = now()
            """, logger: db.logger)
    }
}
