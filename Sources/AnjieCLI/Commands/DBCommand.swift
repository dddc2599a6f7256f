import AnjieStore
import ArgumentParser
import Foundation

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "数据库：迁移、状态、启停本地库 / Database: migrate, status, start and stop the embedded cluster",
        subcommands: [Migrate.self, Status.self, Start.self, Stop.self]
    )

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "应用待执行的迁移 / Apply pending schema migrations")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let applied = try await Runtime.reportingErrors {
                let configuration = try DatabaseTarget.fromEnvironment(dataDir: global.dataDir).configuration()
                return try await Database.with(configuration, logger: Runtime.logger) { try await Migrator().migrate($0) }
            }
            print(applied.isEmpty ? "数据库已是最新 / schema is up to date"
                  : applied.map { "已应用 applied \($0)" }.joined(separator: "\n"))
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出迁移及其状态 / List migrations and whether they are applied")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let statuses = try await Runtime.reportingErrors {
                let configuration = try DatabaseTarget.fromEnvironment(dataDir: global.dataDir).configuration()
                return try await Database.with(configuration, logger: Runtime.logger) { try await Migrator().status($0) }
            }
            var table = TextTable(header: ["迁移 migration", "状态 status"])
            for status in statuses {
                let state = status.appliedAt.map { "已应用 applied \(CaseRendering.short($0))" + (status.edited ? " ⚠ 文件已被修改 edited after applying" : "") }
                    ?? "待执行 pending"
                table.rows.append([status.migration.name, state])
            }
            print(table.render())
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "启动本地数据库 / Start the embedded database")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let cluster = try await Runtime.reportingErrors { try LocalCluster(dataDir: DatabaseTarget.localDataDir(global.dataDir)) }
            let created = try await Runtime.reportingErrors { try cluster.start() }
            print((created ? "已创建并启动 created and started" : "运行中 running") + " · socket \(cluster.socketPath)")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停止本地数据库 / Stop the embedded database")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await Runtime.reportingErrors {
                let cluster = try LocalCluster(dataDir: DatabaseTarget.localDataDir(global.dataDir))
                let wasRunning = try cluster.isRunning()
                try cluster.stop()
                print(wasRunning ? "已停止 stopped" : "未运行 not running")
            }
        }
    }
}
