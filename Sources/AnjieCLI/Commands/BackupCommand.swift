#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

/// `anjie backup FILE`: a pg_dump custom-format archive of the whole database.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "备份整个数据库到文件 / Back up the whole database to a file (pg_dump custom format)",
        discussion: """
            备份 ANJIE_DATABASE_URL 指向的数据库，未设置时备份本地数据库（--data-dir）。先写入 FILE.partial，
            完成后改名，失败不会留下不完整的备份文件。备份含个人信息，文件权限为 0600，请妥善保管。
            Backs up the database of ANJIE_DATABASE_URL, or the embedded one (--data-dir). Written to
            FILE.partial and renamed when complete: a failed backup never leaves a truncated FILE. The
            archive holds personal data; it is created with mode 0600. Restore with `anjie restore FILE`.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "备份文件 Backup file") var file: String

    func run() async throws {
        let target = DatabaseTarget.fromEnvironment(dataDir: global.dataDir)
        let summary = try await Runtime.reportingErrors { try Backup.dump(target: target, to: file) }
        let key = Self.keyLocation(target)
        if global.format == .json {
            print(JSONOutput.string(.object([
                "file": .string(summary.path), "bytes": .number(Double(summary.bytes)),
                "tables": .number(Double(summary.tables)),
                "seconds": .number((summary.seconds * 1000).rounded() / 1000),
                "personal_data_key": .string(key), "key_in_backup": .bool(false),
            ])))
        } else {
            print("已备份 Backed up \(RestoreCommand.describe(target, zh: true)) → \(summary.path) · "
                  + "\(RestoreCommand.size(summary.bytes)) · \(summary.tables) 张表 tables · "
                  + String(format: "%.1f s", summary.seconds))
            // The archive alone cannot restore ID numbers and phones (issue 16): say so every time.
            print("个人信息密钥在 \(key)，不在备份中：请另行妥善保存一份，恢复时与备份一起使用。\n"
                  + "The personal-data key is in \(key) and is NOT in this backup: keep a copy of it separately; a restore needs both.")
        }
    }

    /// Where this process's personal-data key comes from, in words (never the key itself).
    static func keyLocation(_ target: DatabaseTarget, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let text = environment["ANJIE_PII_KEY"], !text.isEmpty { return "ANJIE_PII_KEY" }
        guard let path = PersonalDataKeys.keyFilePath(for: target, environment: environment) else {
            return "（未配置 none configured: ANJIE_PII_KEY / ANJIE_PII_KEY_FILE）"
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return FileManager.default.fileExists(atPath: absolute) ? absolute : "\(absolute)（不存在 missing）"
    }
}

/// `anjie restore FILE`: replaces all data with a backup's, then applies pending migrations.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "从备份文件恢复（替换全部数据）/ Restore from a backup file, replacing all data",
        discussion: """
            用备份替换数据库中的全部数据（在一个事务中完成：失败则数据库不变），随后执行待执行的迁移，
            较旧版本的备份会被升级。只接受 anjie backup 生成的文件。未加 --yes 时在终端上要求确认；
            非交互运行必须加 --yes。
            Replaces every table and row with the backup's, in one transaction (a failure leaves the
            database unchanged), then applies pending migrations, so an older backup is upgraded. Only
            files made by `anjie backup` are accepted. Without --yes it asks on a terminal; a
            non-interactive run needs --yes.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "备份文件 Backup file") var file: String
    @Flag(name: .customLong("yes"), help: "不再确认，直接替换全部数据 Replace all data without asking") var yes = false

    func run() async throws {
        let target = DatabaseTarget.fromEnvironment(dataDir: global.dataDir)
        let file = self.file
        // A file that is not an archive is refused before anyone is asked anything.
        try await Runtime.reportingErrors { try Backup.checkArchive(file) }
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                Terminal.error(Terminal.red("错误 Error: ") + "恢复将替换 \(Self.describe(target, zh: true)) 中的全部数据；非交互运行请加 --yes\n"
                               + "a restore replaces all data in \(Self.describe(target)); run it with --yes when not on a terminal")
                throw ExitCode(1)
            }
            Terminal.error("将用 \(file) 替换 \(Self.describe(target, zh: true)) 中的全部数据。\n"
                           + "This replaces all data in \(Self.describe(target)) with \(file).")
            FileHandle.standardError.write(Data("输入 yes 继续 / type yes to continue: ".utf8))
            guard let answer = readLine(), ["yes", "y", "是"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                Terminal.error("已取消，未做任何改动 / cancelled, nothing was changed")
                throw ExitCode(1)
            }
        }
        let summary = try await Runtime.reportingErrors {
            try await Backup.restore(target: target, from: file, logger: Runtime.logger)
        }
        if global.format == .json {
            var tables: [String: JSONValue] = [:]
            for table in summary.tables { tables[table.name] = .number(Double(table.rows)) }
            print(JSONOutput.string(.object([
                "file": .string(file), "bytes": .number(Double(summary.bytes)), "rows": .object(tables),
                "migrations_applied": .array(summary.migrationsApplied.map { .string($0) }),
                "newer_schema": .bool(summary.newerSchema),
                "sealing_key_ids": .array(summary.sealingKeyIDs.map { .string($0) }),
                "seconds": .number((summary.seconds * 1000).rounded() / 1000),
            ])))
        } else {
            let rows = summary.tables.reduce(0) { $0 + $1.rows }
            print("已恢复 Restored \(file) (\(Self.size(summary.bytes))) → \(Self.describe(target, zh: true)) · "
                  + "\(summary.tables.count) 张表 tables · \(rows) 行 rows · " + String(format: "%.1f s", summary.seconds))
            var table = TextTable(header: ["表 table", "行数 rows"])
            for entry in summary.tables { table.rows.append([entry.name, "\(entry.rows)"]) }
            print(table.render())
            for name in summary.migrationsApplied { print("已应用迁移 applied migration \(name)") }
        }
        Self.reportKey(summary.sealingKeyIDs, target: target, quiet: global.format == .json)
        if summary.newerSchema {
            Terminal.error("⚠ 备份来自较新版本的 anjie，请升级本程序 / the backup comes from a newer anjie: upgrade this binary")
        }
    }

    /// Whether the restored personal data opens with the key here; if not, where the key must come
    /// from. A warning, not a failure: the restore itself is complete, and the key may follow it.
    static func reportKey(_ sealing: [String], target: DatabaseTarget, quiet: Bool) {
        guard !sealing.isEmpty else { return }
        let held = Set(((try? PersonalDataKeys.loadExisting(for: target))?.keys ?? []).map(\.id))
        let ids = sealing.joined(separator: ", ")
        if sealing.allSatisfy(held.contains) {
            if !quiet { print("个人信息密钥 \(ids) 已就绪 / personal-data key \(ids) present: \(BackupCommand.keyLocation(target))") }
            return
        }
        let hint = PersonalDataKeys.whereTheKeyComesFrom(target: target, keyFile: PersonalDataKeys.keyFilePath(for: target))
        Terminal.error(Terminal.red("⚠ ") + "恢复的个人信息由密钥 \(ids) 加密，本机没有该密钥：在此之前无法写入或查看个人信息。\(hint.zh)\n"
                       + "the restored personal data is sealed with key \(ids), which this machine does not have: until it is in place, personal data can be neither written nor revealed. \(hint.en)")
    }

    /// The database in words, without its password.
    static func describe(_ target: DatabaseTarget, zh: Bool = false) -> String {
        switch target {
        case .local(let dataDir):
            return (zh ? "本地数据库 " : "the embedded database in ") + dataDir
        case .url(let text):
            guard var url = URLComponents(string: text) else { return "ANJIE_DATABASE_URL" }
            url.password = nil
            url.query = nil
            return url.string ?? "ANJIE_DATABASE_URL"
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : bytes >= 1 << 10 ? String(format: "%.1f KB", Double(bytes) / 1024) : "\(bytes) B"
    }
}
