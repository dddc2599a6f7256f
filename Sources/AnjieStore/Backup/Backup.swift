#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import PostgresNIO

/// `anjie backup` / `anjie restore`: a `pg_dump -Fc` archive of the whole database, and its restore.
///
/// Both work on a `PostgresClient.Configuration`, so the CLI (through a `DatabaseTarget`) and the tests
/// (a throwaway database) share one code path. The PostgreSQL client programs run as the current user:
/// even as root no `runuser` is needed, because root may enter the embedded cluster's socket directory
/// and the cluster trusts local connections as `anjie`; the archive is then read and written by us.
///
/// A backup is written to `FILE.partial` and renamed when complete, so a failed backup never leaves a
/// truncated file under the final name. A restore replaces everything in one transaction: either the
/// archive's contents are all in place, or the database is exactly as it was.
public enum Backup {
    /// What a backup produced.
    public struct DumpSummary: Sendable {
        public let path: String
        public let bytes: Int
        public let tables: Int
        public let seconds: Double
    }

    /// What a restore put back.
    public struct RestoreSummary: Sendable {
        public struct Table: Sendable {
            public let name: String
            public let rows: Int
        }

        public let bytes: Int
        /// Row counts of the restored tables, by name.
        public let tables: [Table]
        /// Migrations applied after the restore (an older backup is upgraded to this binary's schema).
        public let migrationsApplied: [String]
        /// The archive came from a newer anjie: its schema has migrations this binary does not know.
        public let newerSchema: Bool
        /// The keys that sealed the restored personal data (the backup does not carry them).
        public let sealingKeyIDs: [String]
        public let seconds: Double
    }

    /// Where and how the client programs connect (libpq's terms).
    struct Connection {
        /// A host name, or the directory of a Unix socket.
        var host: String
        var port: Int
        var user: String
        var database: String
        var password: String?
        var sslMode: String

        init(_ configuration: PostgresClient.Configuration, sslMode: String?) {
            if let socket = configuration.unixSocketPath {
                host = (socket as NSString).deletingLastPathComponent
                let name = (socket as NSString).lastPathComponent
                port = name.hasPrefix(".s.PGSQL.") ? Int(name.dropFirst(".s.PGSQL.".count)) ?? 5432 : 5432
            } else {
                host = configuration.host ?? "127.0.0.1"
                port = configuration.port ?? 5432
            }
            user = configuration.username
            database = configuration.database ?? configuration.username
            password = configuration.password
            // postgres-nio's TLS setting cannot be read back; the caller says what the URL asked for.
            self.sslMode = configuration.unixSocketPath != nil ? "disable" : sslMode ?? "prefer"
        }

        /// Connection options for pg_dump and psql. The password never goes on a command line
        /// (other users can read those); it travels in the child's environment.
        var arguments: [String] {
            ["--host=\(host)", "--port=\(port)", "--username=\(user)", "--no-password"]
        }

        var environment: [String: String] {
            var environment = ProcessInfo.processInfo.environment
            if let password { environment["PGPASSWORD"] = password }
            environment["PGSSLMODE"] = sslMode
            environment["PGAPPNAME"] = "anjie-backup"
            if environment["PGCONNECT_TIMEOUT"] == nil { environment["PGCONNECT_TIMEOUT"] = "10" }
            return environment
        }
    }

    // MARK: - Targets (the CLI)

    /// Backs up the database of a target; the embedded cluster must exist (it is started if stopped).
    public static func dump(target: DatabaseTarget, to path: String) throws -> DumpSummary {
        let resolved = try resolve(target, mustExist: true)
        return try dump(resolved.configuration, to: path, sslMode: resolved.sslMode, toolDir: resolved.toolDir)
    }

    /// Replaces the database of a target with an archive; the embedded cluster is created if needed.
    public static func restore(target: DatabaseTarget, from path: String, logger: Logger = Database.quietLogger) async throws -> RestoreSummary {
        try checkArchive(path)
        let resolved = try resolve(target, mustExist: false)
        return try await restore(resolved.configuration, from: path, sslMode: resolved.sslMode,
                                 toolDir: resolved.toolDir, logger: logger)
    }

    private static func resolve(_ target: DatabaseTarget, mustExist: Bool)
        throws -> (configuration: PostgresClient.Configuration, sslMode: String?, toolDir: String?) {
        switch target {
        case .url(let text):
            let mode = URLComponents(string: text)?.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
            let known = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
            return (try DatabaseTarget.parse(text), known.contains(mode) ? mode : "require", nil)
        case .local(let dataDir):
            let cluster = try LocalCluster(dataDir: dataDir)
            if mustExist, !FileManager.default.fileExists(atPath: cluster.pgdata + "/PG_VERSION") {
                throw StoreError.environment("\(cluster.dataDir) 中没有本地数据库，无可备份",
                                             "there is no embedded database in \(cluster.dataDir): nothing to back up")
            }
            let configuration = try target.configuration()  // starts the cluster
            // pg_dump must not be older than the server: take the one beside the server binaries.
            return (configuration, nil, cluster.binDir)
        }
    }

    // MARK: - Backup

    /// `pg_dump -Fc` of the configured database into `path`, atomically, readable by its owner only
    /// (the archive holds personal data).
    public static func dump(_ configuration: PostgresClient.Configuration, to path: String,
                            sslMode: String? = nil, toolDir: String? = nil) throws -> DumpSummary {
        let started = Date()
        let connection = Connection(configuration, sslMode: sslMode)
        let tools = try clientTools(preferred: toolDir)
        let destination = URL(fileURLWithPath: path).standardizedFileURL.path
        let directory = (destination as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError.environment("\(path) 是目录，请给出备份文件名", "\(path) is a directory: give a file name for the backup")
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError.environment("目录 \(directory) 不存在", "the directory \(directory) does not exist")
        }
        guard access(directory, W_OK) == 0 else {
            throw StoreError.environment("无法写入目录 \(directory)", "cannot write to the directory \(directory)")
        }
        let partial = destination + ".partial"
        // Created here with mode 0600, so pg_dump (which truncates it) never writes a readable file.
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.environment("无法创建 \(partial)：\(String(cString: strerror(errno)))",
                                         "cannot create \(partial): \(String(cString: strerror(errno)))")
        }
        fchmod(descriptor, 0o600)
        close(descriptor)
        var finished = false
        defer { if !finished { unlink(partial) } }

        let result = try Subprocess.run(tools + "/pg_dump",
                                        connection.arguments + ["--format=custom", "--file=\(partial)", "--dbname=\(connection.database)"],
                                        environment: connection.environment)
        guard result.succeeded else {
            throw StoreError.environment("备份失败（pg_dump）：\(tail(result.output))", "the backup failed (pg_dump): \(tail(result.output))")
        }
        // Read the archive back before it takes the final name: a file that pg_restore cannot list is no backup.
        let toc = try list(partial, tools: tools)
        try syncFile(partial)
        guard rename(partial, destination) == 0 else {
            throw StoreError.environment("无法将 \(partial) 改名为 \(path)：\(String(cString: strerror(errno)))",
                                         "cannot rename \(partial) to \(path): \(String(cString: strerror(errno)))")
        }
        finished = true
        syncDirectory(directory)
        return DumpSummary(path: destination, bytes: fileSize(destination), tables: toc.tablesWithData.count,
                           seconds: Date().timeIntervalSince(started))
    }

    // MARK: - Restore

    /// Replaces every object and row of the configured database with the archive's, then applies
    /// pending migrations (an archive from an older anjie is upgraded) and refreshes planner statistics.
    public static func restore(_ configuration: PostgresClient.Configuration, from path: String,
                               sslMode: String? = nil, toolDir: String? = nil,
                               logger: Logger = Database.quietLogger) async throws -> RestoreSummary {
        let started = Date()
        try checkArchive(path)
        let connection = Connection(configuration, sslMode: sslMode)
        let tools = try clientTools(preferred: toolDir)
        let toc = try list(path, tools: tools)
        guard toc.tables.contains("schema_migrations") else {
            throw StoreError.environment("\(path) 不是安捷数据库的备份（其中没有 schema_migrations 表），未做任何改动",
                                         "\(path) is not a backup of an anjie database (it has no schema_migrations table); nothing was changed")
        }
        try restoreInOneTransaction(archive: path, tools: tools, connection: connection)

        let latest = Migrator().migrations.last?.version ?? 0
        let (applied, counts, newest, sealing) = try await Database.with(configuration, logger: logger) { db -> ([String], [RestoreSummary.Table], Int, [String]) in
            let applied = try await Migrator().migrate(db)
            // pg_restore does not analyze; the report's plans should not wait for autovacuum.
            try await db.client.query("ANALYZE", logger: db.logger)
            var counts: [RestoreSummary.Table] = []
            for table in toc.tablesWithData.sorted() {
                let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let rows = try await db.client.query(PostgresQuery(unsafeSQL: "SELECT count(*)::bigint FROM public.\(quoted)"), logger: db.logger)
                for try await count in rows.decode(Int.self) { counts.append(.init(name: table, rows: count)) }
            }
            var newest = 0
            for try await version in try await db.client.query("SELECT coalesce(max(version), 0) FROM schema_migrations", logger: db.logger)
                .decode(Int.self) {
                newest = version
            }
            return (applied, counts, newest, try await PersonalDataKeys.sealingKeyIDs(db))
        }
        return RestoreSummary(bytes: fileSize(path), tables: counts, migrationsApplied: applied,
                              newerSchema: newest > latest, sealingKeyIDs: sealing, seconds: Date().timeIntervalSince(started))
    }

    /// Refuses anything that is not a pg_dump custom-format archive before touching the database.
    public static func checkArchive(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError.environment("找不到备份文件 \(path)", "no such backup file: \(path)")
        }
        guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.environment("无法读取备份文件 \(path)", "cannot read the backup file \(path)")
        }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 5)) ?? Data()
        guard magic == Data("PGDMP".utf8) else {
            throw StoreError.environment(
                "\(path) 不是 anjie backup（pg_dump -Fc 自定义格式）生成的备份文件，未做任何改动",
                "\(path) is not a backup made by anjie backup (a pg_dump custom-format archive, starting with PGDMP); nothing was changed")
        }
    }

    /// The statements run before the archive's, in the same transaction.
    ///
    /// `pg_restore --clean --if-exists` alone drops only what the archive contains. That works on
    /// today's schema (the append-only triggers refuse UPDATE, DELETE and TRUNCATE, not DROP; the
    /// archive drops the foreign key before the tables), but an archive from an older anjie leaves
    /// behind the tables of later migrations, and its own `schema_migrations` then makes the
    /// migrator create them again ("relation already exists"); an object added by hand that depends
    /// on a table would make a DROP fail. So first everything in schema `public` is dropped (the
    /// schema itself stays, with its owner and privileges; objects of extensions are left to their
    /// extension), and the archive is restored into the empty schema.
    ///
    /// Roles live in the cluster, not in the archive: a new cluster (a fresh data directory, an
    /// empty external server) has no `anjie_app`, and the archive's GRANTs to it would fail. So the
    /// prelude creates it first, as migration 008 does (no login, no password; the owner made a
    /// member unless it is a superuser) — where the owner may create roles. Where it may not, the
    /// restore fails on the first GRANT and the error says what an administrator must run.
    static let prelude = """
        BEGIN;
        SET LOCAL lock_timeout = '60s';
        SET client_min_messages = warning;
        DO $anjie$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(DatabaseTarget.applicationRole)')
               AND (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
                BEGIN
                    CREATE ROLE \(DatabaseTarget.applicationRole) NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN
                    NULL; -- another database of the same cluster created it a moment ago
                END;
                IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
                    EXECUTE format('GRANT %I TO %I', '\(DatabaseTarget.applicationRole)', current_user);
                END IF;
            END IF;
        END
        $anjie$;
        DO $anjie$
        DECLARE
            r record;
        BEGIN
            FOR r IN
                SELECT c.relname, c.relkind FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            LOOP
                EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
                    CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                                   WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.relname);
            END LOOP;
            FOR r IN
                SELECT p.oid::regprocedure AS signature, p.prokind FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            LOOP
                EXECUTE format('DROP %s IF EXISTS %s CASCADE',
                    CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, r.signature);
            END LOOP;
            FOR r IN
                SELECT t.typname, t.typtype FROM pg_type t
                WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('c', 'd', 'e', 'r')
                  AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
            LOOP
                EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
                    CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.typname);
            END LOOP;
        END
        $anjie$;

        """

    /// `pg_restore --file=-` turns the archive into SQL, which psql runs inside a transaction that we
    /// open (the prelude) and commit only after pg_restore has read the whole archive without error.
    /// A truncated or damaged archive, a full disk or a refused statement (psql stops at the first
    /// error) therefore leaves the database as it was. (`pg_restore --single-transaction` would be
    /// atomic too, but cannot run the prelude in its transaction.)
    static func restoreInOneTransaction(archive: String, tools: String, connection: Connection) throws {
        let restoreLog = Subprocess.temporaryLog("pg_restore.log"), psqlLog = Subprocess.temporaryLog("psql.log")
        defer { unlink(restoreLog); unlink(psqlLog) }

        // pg_restore → (pipe) → us → (socket, so a vanished psql is EPIPE and not SIGPIPE) → psql.
        var fromRestore: [Int32] = [-1, -1]
        var toPsql: [Int32] = [-1, -1]
        guard pipe(&fromRestore) == 0 else { throw systemError("pipe") }
        #if os(Linux)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, stream, 0, &toPsql) == 0 else {
            close(fromRestore[0]); close(fromRestore[1])
            throw systemError("socketpair")
        }
        // No child may inherit the other ends, or nobody would ever see end-of-file.
        for descriptor in fromRestore + toPsql { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        #if !os(Linux)
        var one: Int32 = 1
        setsockopt(toPsql[0], SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var openDescriptors: Set<Int32> = Set(fromRestore + toPsql)
        func closeOnce(_ descriptor: Int32) {
            if openDescriptors.remove(descriptor) != nil { close(descriptor) }
        }
        defer { for descriptor in openDescriptors { close(descriptor) } }

        let pgRestore = try Subprocess.spawn(tools + "/pg_restore",
                                             ["--clean", "--if-exists", "--no-owner", "--file=-", archive],
                                             stdout: fromRestore[1], log: restoreLog, environment: connection.environment)
        let psql: Subprocess.Child
        do {
            psql = try Subprocess.spawn(tools + "/psql",
                                        connection.arguments + ["--no-psqlrc", "--quiet", "--output=/dev/null", "--set=ON_ERROR_STOP=1",
                                                                "--dbname=\(connection.database)", "--file=-"],
                                        stdin: toPsql[1], log: psqlLog, environment: connection.environment)
        } catch {
            closeOnce(fromRestore[0])
            _ = pgRestore.waitForExit()
            throw error
        }
        closeOnce(fromRestore[1])
        closeOnce(toPsql[1])

        func sendBytes(_ bytes: UnsafeRawBufferPointer) -> Bool {
            var offset = 0
            while offset < bytes.count {
                #if os(Linux)
                let sent = Glibc.send(toPsql[0], bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                #else
                let sent = Darwin.send(toPsql[0], bytes.baseAddress! + offset, bytes.count - offset, 0)
                #endif
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
        func sendText(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBytes { sendBytes($0) }
        }

        var psqlAlive = sendText(prelude)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while psqlAlive {
            let count = buffer.withUnsafeMutableBytes { read(fromRestore[0], $0.baseAddress!, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            psqlAlive = buffer.withUnsafeBytes { sendBytes(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        closeOnce(fromRestore[0])  // if psql gave up, pg_restore now stops too
        let restoreStatus = pgRestore.waitForExit()
        var committed = false
        if restoreStatus == 0, psqlAlive {
            committed = sendText("COMMIT;\n")
        }
        // End of input: psql exits; without the COMMIT its transaction is rolled back.
        closeOnce(toPsql[0])
        let psqlStatus = psql.waitForExit()

        guard committed, psqlStatus == 0 else {
            let restoreOutput = tail((try? String(contentsOfFile: restoreLog, encoding: .utf8)) ?? "")
            let psqlOutput = tail((try? String(contentsOfFile: psqlLog, encoding: .utf8)) ?? "")
            let detail = [psqlOutput, restoreOutput].filter { !$0.isEmpty }.joined(separator: "\n")
            let status = "pg_restore \(restoreStatus), psql \(psqlStatus)"
            let role = DatabaseTarget.applicationRole
            if detail.contains("role \"\(role)\" does not exist") {
                let sql = "CREATE ROLE \(role) NOLOGIN; GRANT \(role) TO \(connection.user);"
                throw StoreError.environment(
                    "恢复失败，数据库未被改动：备份授权给角色 \(role)，此服务器上没有该角色，而 \(connection.user) 无权创建角色。请由管理员执行 \(sql) 后重新恢复。",
                    "the restore failed and the database was left unchanged: the backup grants rights to the role \(role), which does not exist on this server, and \(connection.user) may not create roles. Have an administrator run \(sql) and restore again.")
            }
            throw StoreError.environment("恢复失败，数据库未被改动（\(status)）：\(detail)",
                                         "the restore failed and the database was left unchanged (\(status)): \(detail)")
        }
    }

    // MARK: - Helpers

    struct TableOfContents {
        /// Tables the archive creates, and those it has rows for.
        var tables: Set<String> = []
        var tablesWithData: Set<String> = []
    }

    /// `pg_restore --list`: reads the archive's table of contents (and proves it is readable by this pg_restore).
    static func list(_ archive: String, tools: String) throws -> TableOfContents {
        let result = try Subprocess.run(tools + "/pg_restore", ["--list", archive])
        guard result.succeeded else {
            throw StoreError.environment("无法读取备份文件 \(archive)：\(tail(result.output))",
                                         "cannot read the backup file \(archive): \(tail(result.output))")
        }
        // Lines look like `3427; 0 16402 TABLE DATA public events anjie`.
        var toc = TableOfContents()
        for line in result.output.split(separator: "\n") where !line.hasPrefix(";") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 6 else { continue }
            if words[3] == "TABLE", words[4] == "DATA", words.count >= 7, words[5] == "public" {
                toc.tablesWithData.insert(words[6])
            } else if words[3] == "TABLE", words[4] == "public" {
                toc.tables.insert(words[5])
            }
        }
        return toc
    }

    /// pg_dump, pg_restore and psql from one directory (one version): the preferred one (beside
    /// the embedded cluster's server), `$ANJIE_PG_BIN`, the newest `/usr/lib/postgresql/N/bin`, or PATH.
    static func clientTools(preferred: String?) throws -> String {
        let fm = FileManager.default
        func hasTools(_ dir: String) -> Bool {
            ["pg_dump", "pg_restore", "psql"].allSatisfy { fm.isExecutableFile(atPath: dir + "/" + $0) }
        }
        var candidates: [String] = []
        if let preferred { candidates.append(preferred) }
        if let dir = ProcessInfo.processInfo.environment["ANJIE_PG_BIN"] { candidates.append(dir) }
        candidates += ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let found = candidates.first(where: hasTools) { return found }
        throw StoreError.environment(
            "未找到 PostgreSQL 客户端程序（pg_dump、pg_restore、psql）。请安装 postgresql-client 软件包（apt-get install postgresql-client）。",
            "PostgreSQL client programs (pg_dump, pg_restore, psql) not found. Install the Debian package postgresql-client (apt-get install postgresql-client).")
    }

    private static func syncFile(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw systemError("open \(path)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw systemError("fsync \(path)") }
    }

    /// Makes the rename itself durable; best effort.
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    private static func systemError(_ what: String) -> StoreError {
        let reason = String(cString: strerror(errno))
        return .environment("系统调用失败 \(what)：\(reason)", "\(what) failed: \(reason)")
    }

    private static func tail(_ text: String) -> String {
        String(text.trimmingCharacters(in: .whitespacesAndNewlines).suffix(1500))
    }
}
