import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

extension Role: ExpressibleByArgument {}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "API 令牌：创建、列出、吊销 / API tokens: create, list, revoke",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "创建令牌（仅此一次显示）/ Create a token; it is printed once, alone on stdout")
        @OptionGroup var global: GlobalOptions
        @Option(help: "名称 Name (recorded as the actor of its events)") var name: String
        @Option(help: "角色 Role") var role: Role
        @Option(help: "限定乡镇，可重复 Limit to a township (repeatable)") var township: [String] = []

        func run() async throws {
            let (global, name, role, townships) = (global, name, role, township)
            let created = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                try await TokenStore(db).create(county: try await global.county(in: db), name: name, role: role, townships: townships)
            }
            print(created.token)
            Terminal.error("令牌 \(created.id) 已创建，只显示这一次 / token \(created.id) created; it is shown only this once")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出令牌（不含密钥）/ List tokens (never their secrets)")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            // Every county's tokens (issue 16: tokens of another county were invisible); `--county`
            // narrows the list to one.
            let only = global.county
            let tokens = try await Runtime.withDatabase(dataDir: global.dataDir) { try await TokenStore($0).list(county: only) }
            var table = TextTable(header: ["县 county", "编号 id", "名称 name", "角色 role", "乡镇 townships", "创建 created", "吊销 revoked"])
            for token in tokens {
                table.rows.append([token.identity.county, token.identity.tokenID, token.identity.name, token.identity.role.rawValue,
                                   token.identity.townships.isEmpty ? "全县 all" : token.identity.townships.joined(separator: ","),
                                   CaseRendering.short(token.createdAt), token.revokedAt.map(CaseRendering.short) ?? "—"])
            }
            print(tokens.isEmpty ? "没有令牌 / no tokens" : table.render())
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "吊销令牌 / Revoke a token")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "令牌编号 Token id") var id: String

        func run() async throws {
            let (global, id) = (global, id)
            let revoked = try await Runtime.withDatabase(dataDir: global.dataDir) {
                try await TokenStore($0).revoke(county: try await global.county(in: $0), id: id)
            }
            print(revoked ? "已吊销 revoked \(id)" : "没有此有效令牌 / no active token \(id)")
            if !revoked { throw ExitCode(4) }
        }
    }
}
