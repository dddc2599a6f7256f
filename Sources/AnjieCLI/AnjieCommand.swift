import ArgumentParser

/// The root command: configuration only.
public struct AnjieCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "anjie",
        abstract: "案结 Anjie — 矛盾纠纷、行政复议、法律援助案件流程与年度统计 / case workflows and annual statistics for a county justice bureau",
        discussion: """
            数据库 Database: 未设置 ANJIE_DATABASE_URL 时使用 ./.anjie/ 下的本地 PostgreSQL。
            Without ANJIE_DATABASE_URL, anjie runs a private PostgreSQL cluster under ./.anjie/.
            """,
        subcommands: [
            WorkflowEventCommand<DisputeTag>.self,
            WorkflowEventCommand<MatterTag>.self,
            WorkflowEventCommand<MediationTag>.self,
            WorkflowEventCommand<ReviewTag>.self,
            WorkflowEventCommand<AdminMediationTag>.self,
            WorkflowEventCommand<LegalAidTag>.self,
            WorkflowEventCommand<NotarizationTag>.self,
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
            WorkflowCommand.self,
            ServeCommand.self,
            TokenCommand.self,
            AuditCommand.self,
            DBCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            DemoCommand.self,
            BenchCommand.self,
        ]
    )

    public init() {}
}
