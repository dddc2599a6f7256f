import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

/// People who sign in to the dashboard with a name and password. Roles and townships mean what
/// they mean on a token; tokens stay for machines (`anjie token`).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "看板用户：开设、改密码、停用、列出 / Dashboard users: add, passwd, disable, list",
        discussion: """
            密码在终端上输入两次（不回显）；脚本用 --password-stdin 从标准输入读一行。
            密码以 PBKDF2-HMAC-SHA256（每人随机盐，\(PasswordHash.iterations) 轮）保存，不存明文。
            On a terminal the password is asked twice (not echoed); scripts pass --password-stdin and
            write it as one line on standard input. Stored as PBKDF2-HMAC-SHA256 with a random salt
            per user and \(PasswordHash.iterations) iterations, never in clear.
            """,
        subcommands: [Add.self, Passwd.self, Disable.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "开设用户 / Add a user")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "用户名 User name (typed at sign-in, shown on every page)") var name: String
        @Option(help: "角色 Role: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: Role
        @Option(help: "限定乡镇，可重复 Limit to a township (repeatable)") var township: [String] = []
        @Flag(name: .customLong("password-stdin"), help: "从标准输入读密码 Read the password from standard input") var passwordStdin = false

        func run() async throws {
            let password = try PasswordInput.read(fromStdin: passwordStdin)
            let (global, name, role, townships) = (global, name, role, township)
            try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                try await UserStore(db).add(name: name, county: try await global.county(in: db), role: role, townships: townships,
                                            password: password)
            }
            print("已开设用户 \(name)（\(role.rawValue)，\(townships.isEmpty ? "全县" : townships.joined(separator: "、"))）/ user \(name) added")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "设置新密码（该用户在各处的登录随即失效）/ Set a new password; the user is signed out everywhere")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "用户名 User name") var name: String
        @Flag(name: .customLong("password-stdin"), help: "从标准输入读密码 Read the password from standard input") var passwordStdin = false

        func run() async throws {
            let password = try PasswordInput.read(fromStdin: passwordStdin)
            let name = self.name
            let changed = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                try await UserStore(db).setPassword(name: name, password: password)
            }
            print(changed ? "已更改 \(name) 的密码 / password changed" : "没有用户 \(name) / no user \(name)")
            if !changed { throw ExitCode(4) }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停用用户（随即退出登录）/ Disable a user and end its sessions")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "用户名 User name") var name: String

        func run() async throws {
            let name = self.name
            let disabled = try await Runtime.withDatabase(dataDir: global.dataDir) { try await UserStore($0).disable(name: name) }
            print(disabled ? "已停用 disabled \(name)" : "没有此在用用户 / no active user \(name)")
            if !disabled { throw ExitCode(4) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出用户（不含密码）/ List users (never their passwords)")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let global = global
            let users = try await Runtime.withDatabase(dataDir: global.dataDir) { db in
                try await UserStore(db).list(county: try await global.county(in: db))
            }
            if global.format == .json {
                print(JSONOutput.string(.array(users.map { user in
                    .object(["name": .string(user.identity.name), "county": .string(user.identity.county),
                             "role": .string(user.identity.role.rawValue), "townships": .array(user.identity.townships.map(JSONValue.string)),
                             "created_at": .string(Timestamp.format(user.createdAt)),
                             "password_changed_at": .string(Timestamp.format(user.passwordChangedAt)),
                             "disabled_at": user.disabledAt.map { .string(Timestamp.format($0)) } ?? .null])
                })))
                return
            }
            var table = TextTable(header: ["用户名 name", "角色 role", "乡镇 townships", "开设 created", "改密 password set", "停用 disabled"])
            for user in users {
                table.rows.append([user.identity.name, user.identity.role.rawValue,
                                   user.identity.townships.isEmpty ? "全县 all" : user.identity.townships.joined(separator: ","),
                                   CaseRendering.short(user.createdAt), CaseRendering.short(user.passwordChangedAt),
                                   user.disabledAt.map(CaseRendering.short) ?? "—"])
            }
            print(users.isEmpty ? "没有用户 / no users" : table.render())
        }
    }
}

/// Reading a password: twice without echo on a terminal, or one line from standard input.
enum PasswordInput {
    /// A message in both languages, and exit status 2 (the command was used wrongly).
    static func refuse(_ zh: String, _ en: String) -> ExitCode {
        Terminal.error(Terminal.red("错误 Error: ") + zh + "\n" + en)
        return ExitCode(2)
    }

    static func read(fromStdin: Bool) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw refuse("标准输入没有密码", "no password on standard input")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw refuse("不在终端上：请用 --password-stdin 从标准输入提供密码", "not on a terminal: pass the password with --password-stdin")
        }
        let first = try prompt("密码 Password: ")
        let second = try prompt("再输一次 Again: ")
        guard first == second else { throw refuse("两次输入的密码不同，未做任何改动", "the passwords differ; nothing was changed") }
        return first
    }

    /// One line from the terminal with echo off (restored even when reading fails).
    static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw refuse("没有读到密码", "no password read") }
        return line
    }
}
