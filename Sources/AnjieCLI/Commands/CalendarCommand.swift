import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "工作日历：节假日与调休 / The working-day calendar: holidays and make-up working days",
        subcommands: [AddWorkdays.self, IsWorkday.self, Show.self, Load.self]
    )

    static func effective(_ dataDir: String?) async throws -> WorkingCalendar {
        try await Runtime.withDatabase(dataDir: dataDir) { try await CalendarStore($0).effective() }
    }

    static func date(_ text: String) throws -> LocalDate {
        guard let date = LocalDate.parse(text) else {
            throw DomainError.invalidInput("日期无效：\(text)", "not a date: \(text)")
        }
        return date
    }

    struct AddWorkdays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-workdays",
            abstract: "某日之后第 N 个工作日（起算日不计）/ The N-th working day after a date (the date itself not counted)")
        @Option(name: .customLong("data-dir"), help: "本地数据库目录 Embedded database directory") var dataDir: String?
        @Argument(help: "起算日 Start date") var date: String
        @Argument(help: "工作日数 Working days") var days: Int

        func run() async throws {
            let start = try await Runtime.reportingErrors { try CalendarCommand.date(date) }
            let calendar = try await CalendarCommand.effective(dataDir)
            let count = days
            let result = try await Runtime.reportingErrors { () -> LocalDate in
                guard count >= 0 else { throw DomainError.invalidInput("天数不能为负", "days must not be negative") }
                return try calendar.addingWorkdays(count, to: start)
            }
            print(result)
        }
    }

    struct IsWorkday: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "is-workday", abstract: "是否工作日 / Is the date a working day (exit 0 yes, 1 no)")
        @Option(name: .customLong("data-dir"), help: "本地数据库目录 Embedded database directory") var dataDir: String?
        @Argument(help: "日期 Date") var date: String

        func run() async throws {
            let day = try await Runtime.reportingErrors { try CalendarCommand.date(date) }
            let calendar = try await CalendarCommand.effective(dataDir)
            let workday = try await Runtime.reportingErrors { try calendar.isWorkday(day) }
            let reason = calendar.isHoliday(day) ? "节假日 holiday" : calendar.isMakeUpWorkday(day) ? "调休上班 make-up working day"
                : day.isWeekend ? "周末 weekend" : "工作日 weekday"
            print("\(day) \(workday ? "工作日 working day" : "休息日 rest day")（\(reason)）")
            if !workday { throw ExitCode(1) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "某年的节假日与调休安排 / A year's holidays and make-up days")
        @Option(name: .customLong("data-dir"), help: "本地数据库目录 Embedded database directory") var dataDir: String?
        @Argument(help: "年份 Year") var year: Int

        func run() async throws {
            let calendar = try await CalendarCommand.effective(dataDir)
            let year = year
            guard let data = calendar.years[year] else {
                _ = try await Runtime.reportingErrors { try calendar.isWorkday(YearBounds.checked(year).firstDay) }
                return
            }
            print("\(year) · \(data.source)")
            print("节假日 holidays (\(data.holidays.count)): " + data.holidays.map(\.description).joined(separator: " "))
            print("调休上班 make-up working days (\(data.workdays.count)): " + data.workdays.map(\.description).joined(separator: " "))
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "载入一年的节假日安排（JSON）/ Load a year's notice from a JSON file",
            discussion: #"""
                文件 File: {"year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知",
                  "holidays": ["2027-01-01", "2027-02-05..2027-02-11"], "workdays": ["2027-02-14"]}
                载入后未结案件的期限立即按新日历计算。Open cases' deadlines follow the new calendar at once.
                """#)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "JSON 文件 File") var file: String
        @Option(help: "记录人 Who loads it") var actor: String?

        func run() async throws {
            let year = try await Runtime.reportingErrors { try CalendarFile.parse(path: file) }
            let actor = Defaults.actor(actor)
            let version = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                try await CalendarStore(db).load(year, by: actor)
            }
            print("已载入 Loaded \(year.year) 第\(version)版 version \(version): \(year.holidays.count) 节假日 holidays, \(year.workdays.count) 调休 make-up days")
        }
    }
}

/// The JSON an administrator writes from the State Council's notice.
enum CalendarFile {
    static func parse(path: String) throws -> WorkingCalendar.Year {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainError.invalidInput("无法读取 \(path)", "cannot read \(path)")
        }
        guard case .object(let object) = try? JSONDecoder().decode(JSONValue.self, from: data),
              let year = object["year"]?.numberValue.map({ Int($0) }) else {
            throw DomainError.invalidInput("应为含 year、holidays、workdays 的 JSON 对象", "expected a JSON object with year, holidays, workdays")
        }
        func dates(_ key: String) throws -> [LocalDate] {
            try (object[key]?.arrayValue ?? []).flatMap { item -> [LocalDate] in
                guard let text = item.stringValue else { throw DomainError.invalidInput("\(key) 应为日期字符串", "\(key) must hold date strings") }
                let parts = text.components(separatedBy: "..")
                guard let first = LocalDate.parse(parts[0]), let last = LocalDate.parse(parts.last!), first <= last else {
                    throw DomainError.invalidInput("\(key) 中的日期无效：\(text)", "invalid date in \(key): \(text)")
                }
                return (first.dayNumber...last.dayNumber).map(LocalDate.init(dayNumber:))
            }
        }
        let parsed = WorkingCalendar.Year(year: year, holidays: try dates("holidays"), workdays: try dates("workdays"),
                                          source: object["source"]?.stringValue ?? path)
        try parsed.validate()
        return parsed
    }
}

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "本县设置 / County settings (e.g. legal_aid_decision_days calendar|working)",
        subcommands: [Set.self, Show.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "设置 / Set a value")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "键 Key: \(DeadlineSettings.keys.joined(separator: ", "))") var key: String
        @Argument(help: "值 Value") var value: String

        func run() async throws {
            let (global, key, value) = (global, key, value)
            let county = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                let county = try await global.county(in: db)
                try await CalendarStore(db).setSetting(county: county, key: key, value: value)
                return county
            }
            print("已设置 set \(key) = \(value) (\(county))")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看 / Show the settings in force")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let global = global
            let settings = try await Runtime.withDatabase(dataDir: global.dataDir) {
                try await CalendarStore($0).settings(county: try await global.county(in: $0))
            }
            print("legal_aid_decision_days = \(settings.legalAidDecisionUnit.rawValue)")
        }
    }
}
