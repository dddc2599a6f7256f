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
        try await deadlineInputs(county: nil).calendar
    }

    /// The calendar in force and a county's settings in one round trip (every case page needs both;
    /// read fresh each time rather than cached, so a loaded calendar applies at once).
    public func deadlineInputs(county: String?) async throws -> (calendar: WorkingCalendar, settings: DeadlineSettings) {
        let rows = try await db.client.query("""
            SELECT 'year', y.year, array_to_string(y.holidays, ','), array_to_string(y.workdays, ','), y.source
            FROM (SELECT DISTINCT ON (year) * FROM calendar_years ORDER BY year, version DESC) y
            UNION ALL
            SELECT 'setting', 0, key, value, '' FROM county_settings WHERE county = \(county)
            """, logger: db.logger)
        var calendar = WorkingCalendar.shipped
        var settings = DeadlineSettings()
        let parse = { (text: String) in text.split(separator: ",").compactMap { LocalDate.parse(String($0)) } }
        for try await (kind, year, first, second, source) in rows.decode((String, Int, String, String, String).self) {
            if kind == "year" {
                calendar = calendar.loading(WorkingCalendar.Year(year: year, holidays: parse(first), workdays: parse(second), source: source))
            } else {
                try? settings.apply(key: first, value: second)
            }
        }
        return (calendar, settings)
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
        try await deadlineInputs(county: county).settings
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
