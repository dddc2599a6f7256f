import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

/// `anjie pii`: the key that seals ID numbers and phones (docs/operations.md, "Personal-data key").
struct PIICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pii",
        abstract: "个人信息密钥：状态、轮换 / The personal-data key: status, rotation",
        subcommands: [Status.self, Rotate.self]
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "哪些密钥加密了多少条个人信息 / Which keys seal how many values")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let target = DatabaseTarget.fromEnvironment(dataDir: global.dataDir)
            let uses = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                (try await PersonalDataVault(db).status(), db.personalData.keys.map(\.id))
            }
            // After the database was opened: a brand-new embedded database has just made its key.
            let source = ProcessInfo.processInfo.environment["ANJIE_PII_KEY"].flatMap { $0.isEmpty ? nil : "ANJIE_PII_KEY" }
                ?? PersonalDataKeys.keyFilePath(for: target).map {
                    FileManager.default.fileExists(atPath: $0) ? $0 : "\($0)（不存在 missing）"
                } ?? "无 none"
            print("密钥来源 Key source: \(source)")
            print("本程序持有 Held by this process: \(uses.1.isEmpty ? "无 none" : uses.1.joined(separator: ", "))")
            var table = TextTable(header: ["密钥 key", "条数 values", "持有 held", "状态 state"])
            for use in uses.0 {
                table.rows.append([use.keyID, "\(use.values)", use.held ? "是 yes" : "否 NO",
                                   use.retired ? "已停用 retired" : "使用中 active"])
            }
            print(table.render())
            // Values this process cannot open: a new machine without the old one's key. Not a state
            // to report as healthy (exit 5), and the message says where the key must come from.
            let unopenable = uses.0.filter { $0.values > 0 && !$0.held }
            if !unopenable.isEmpty {
                let ids = unopenable.map(\.keyID).joined(separator: ", ")
                let count = unopenable.reduce(0) { $0 + $1.values }
                let hint = PersonalDataKeys.whereTheKeyComesFrom(target: target, keyFile: PersonalDataKeys.keyFilePath(for: target))
                try await Runtime.reportingErrors {
                    throw StoreError.environment(
                        "\(count) 条个人信息由密钥 \(ids) 加密，本程序没有该密钥：无法写入或查看个人信息。\(hint.zh)",
                        "\(count) values are sealed with key \(ids), which this process does not hold: personal data can be neither written nor revealed. \(hint.en)")
                }
            }
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "生成新密钥并用它重新加密全部个人信息 / Re-seal every value under a new key",
            discussion: """
                密钥文件（.anjie/pii.key 或 ANJIE_PII_KEY_FILE）：新密钥先写入 FILE.next，全部重新加密并提交后替换 FILE；\
                中途失败可重跑。使用 ANJIE_PII_KEY 时须给出 --new-key-file，完成后把 ANJIE_PII_KEY 改为该文件内容并重启服务。
                With a key file, the new key is written to FILE.next first and renamed over FILE once every value \
                is re-sealed and committed; an interrupted rotation is finished by running it again. With \
                ANJIE_PII_KEY, give --new-key-file, then set ANJIE_PII_KEY to its content and restart `anjie serve`.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("new-key-file"), help: "新密钥写入此文件（0600）/ Write the new key here (mode 0600)")
        var newKeyFile: String?

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let target = DatabaseTarget.fromEnvironment(dataDir: global.dataDir)
            let usesVariable = !(environment["ANJIE_PII_KEY"] ?? "").isEmpty
            let keyFile = PersonalDataKeys.keyFilePath(for: target, environment: environment)
            let nextPath: String
            if let newKeyFile {
                nextPath = newKeyFile
            } else if !usesVariable, let keyFile {
                nextPath = keyFile + ".next"
            } else {
                throw ValidationError("ANJIE_PII_KEY is set: give --new-key-file FILE for the new key")
            }
            // Written before anything is re-sealed (and kept if it exists: an interrupted rotation
            // resumes with the same key), so no committed value is ever under a key not on disk.
            try await Runtime.reportingErrors {
                try PersonalDataKeys.writeKeyFile(nextPath, PersonalDataKeys.generateMaster() + "\n", exclusive: true)
            }
            let next = try await Runtime.reportingErrors { try PersonalDataKeys.parse(String(contentsOfFile: nextPath, encoding: .utf8)) }
            let started = Date()
            let (count, newID) = try await Runtime.withDatabase(dataDir: global.dataDir, asOwner: true) { db in
                let old = db.personalData.keys.filter { key in !next.contains { $0.id == key.id } }
                let both = Database(client: db.client, logger: db.logger, personalData: PersonalDataKeys(keys: next + old))
                return (try await PersonalDataVault(both).rotate(), next[0].id)
            }
            if newKeyFile == nil, !usesVariable, let keyFile {
                guard rename(nextPath, keyFile) == 0 else {
                    try await Runtime.reportingErrors {
                        throw StoreError.environment("重新加密已完成，但无法把 \(nextPath) 改名为 \(keyFile)；请手动改名",
                                                     "re-sealed, but could not rename \(nextPath) to \(keyFile): rename it by hand")
                    }
                    return
                }
            }
            print(String(format: "已用新密钥 %@ 重新加密 %d 条个人信息 (%.1f s) / re-sealed %d values under key %@",
                         newID, count, Date().timeIntervalSince(started), count, newID))
            if newKeyFile != nil {
                print("新密钥在 New key in \(nextPath)：把 ANJIE_PII_KEY 或 ANJIE_PII_KEY_FILE 改为它并重启服务 / point ANJIE_PII_KEY(_FILE) at it and restart `anjie serve`")
            } else {
                print("请重启正在运行的 anjie serve / restart any running `anjie serve`; 备份新密钥 back up the new key: \(keyFile ?? "")")
            }
        }
    }
}
