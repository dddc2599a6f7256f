import ArgumentParser

/// The root command: configuration only.
public struct AnjieCommand: AsyncParsableCommand {
    /// Computed on each parse: the workflow commands follow the registry as it is then.
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "anjie",
            abstract: "案结 Anjie — 矛盾纠纷、行政复议、法律援助案件流程与年度统计 / case workflows and annual statistics for a county justice bureau",
            discussion: """
                数据库 Database: 未设置 ANJIE_DATABASE_URL 时使用 ./.anjie/ 下的本地 PostgreSQL。
                Without ANJIE_DATABASE_URL, anjie runs a private PostgreSQL cluster under ./.anjie/.
                """,
            // The workflows' event commands first, one per registered workflow, then the rest.
            subcommands: WorkflowCommands.subcommands + [
                CaseCommand.self,
                PIICommand.self,
                LogCommand.self,
                ImportCommand.self,
                ImportLedgerCommand.self,
                ExportCommand.self,
                GenerateCommand.self,
                ReportCommand.self,
                StatsCommand.self,
                DeadlinesCommand.self,
                CalendarCommand.self,
                ConfigCommand.self,
                CountyCommand.self,
                WorkflowCommand.self,
                ServeCommand.self,
                TokenCommand.self,
                UserCommand.self,
                AuditCommand.self,
                DBCommand.self,
                BackupCommand.self,
                RestoreCommand.self,
                DemoCommand.self,
                BenchCommand.self,
            ]
        )
    }

    public init() {}
}
