#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The embedded default database: a private PostgreSQL cluster under `./.anjie/` (or `--data-dir`),
/// created with `initdb` on first use, started with `pg_ctl`, reached over a Unix socket, no TCP port.
///
/// Layout: `<data-dir>/cluster/` holds `pgdata/`, `run/` (the socket) and `postgres.log`. As root the
/// server runs as the `postgres` user; when that user cannot reach the data directory (a project under
/// `/root`), `cluster` is a symlink to `/var/lib/anjie/<hash>/` instead.
public struct LocalCluster: Sendable {
    public static let superuser = "anjie"
    public static let databaseName = "anjie"
    static let port = 5432

    public let dataDir: String
    public let home: String
    public let socketDir: String
    public let binDir: String
    /// Server settings passed at start (tests use `fsync=off`; the real database never does).
    public let serverOptions: [String]
    let runAsPostgres: Bool

    public var pgdata: String { home + "/pgdata" }
    public var logFile: String { home + "/postgres.log" }
    public var socketPath: String { socketDir + "/.s.PGSQL.\(Self.port)" }

    public init(dataDir: String, serverOptions: [String] = []) throws {
        let absolute = URL(fileURLWithPath: dataDir).standardizedFileURL.path
        self.dataDir = absolute
        self.serverOptions = serverOptions
        self.binDir = try Self.findServerBinaries()
        self.runAsPostgres = geteuid() == 0
        self.home = try Self.resolveHome(dataDir: absolute, asRoot: runAsPostgres)
        let preferred = home + "/run"
        // A Unix socket path is limited to 107 bytes; fall back to a short, deterministic path.
        if (preferred + "/.s.PGSQL.\(Self.port)").utf8.count <= 100 {
            self.socketDir = preferred
        } else {
            self.socketDir = "/tmp/anjie-\(geteuid())-\(Self.hash(absolute).prefix(12))"
        }
    }

    /// Starts the cluster, creating it first if needed. Returns true when it was created now.
    @discardableResult
    public func start() throws -> Bool {
        try prepareDirectories()
        let lock = try FileLock(path: dataDir + "/.lock")
        defer { lock.release() }
        var created = false
        if !FileManager.default.fileExists(atPath: pgdata + "/PG_VERSION") {
            try initialize()
            created = true
        }
        if try !isRunning() {
            var arguments = ["-D", pgdata, "-l", logFile, "-w", "-t", "60", "-s", "start"]
            if !serverOptions.isEmpty {
                arguments += ["-o", serverOptions.map { "-c \($0)" }.joined(separator: " ")]
            }
            let result = try runServerTool("pg_ctl", arguments)
            guard result.succeeded else {
                let log = (try? String(contentsOfFile: logFile, encoding: .utf8))?.suffix(1500) ?? ""
                throw StoreError.environment("本地数据库启动失败：\(result.output)\(log)",
                                             "the local database did not start: \(result.output)\(log)")
            }
        }
        if created {
            let result = try Subprocess.run(binDir + "/createdb", ["-h", socketDir, "-p", "\(Self.port)",
                                                                   "-U", Self.superuser, Self.databaseName])
            guard result.succeeded else {
                throw StoreError.environment("无法创建数据库：\(result.output)", "cannot create the database: \(result.output)")
            }
        }
        return created
    }

    public func isRunning() throws -> Bool {
        guard FileManager.default.fileExists(atPath: pgdata + "/PG_VERSION") else { return false }
        return try runServerTool("pg_ctl", ["-D", pgdata, "status"]).succeeded
    }

    /// Stops the server. `immediate` is for throwaway test clusters only.
    public func stop(immediate: Bool = false) throws {
        guard try isRunning() else { return }
        let result = try runServerTool("pg_ctl", ["-D", pgdata, "-m", immediate ? "immediate" : "fast", "-w", "-s", "stop"])
        guard result.succeeded else {
            throw StoreError.environment("本地数据库停止失败：\(result.output)", "the local database did not stop: \(result.output)")
        }
    }

    private func initialize() throws {
        let result = try runServerTool("initdb", ["-D", pgdata, "-U", Self.superuser, "-A", "trust",
                                                  "-E", "UTF8", "--locale=C", "--no-instructions"])
        guard result.succeeded else {
            throw StoreError.environment("initdb 失败：\(result.output)", "initdb failed: \(result.output)")
        }
        let settings = """

            # Added by anjie: a private cluster reached only over its own Unix socket.
            listen_addresses = ''
            port = \(Self.port)
            unix_socket_directories = '\(socketDir)'
            unix_socket_permissions = 0700
            timezone = 'Asia/Shanghai'
            log_timezone = 'Asia/Shanghai'

            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: pgdata + "/postgresql.conf"))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
    }

    private func prepareDirectories() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        if runAsPostgres {
            // The postgres user must be able to pass through the data directory, no more.
            chmod(dataDir, 0o711)
            guard let postgres = getpwnam("postgres") else {
                throw StoreError.environment(
                    "以 root 运行时需要 postgres 系统用户：请安装 postgresql 软件包（apt-get install postgresql）",
                    "running as root needs the postgres system user: install the postgresql package (apt-get install postgresql)")
            }
            let uid = postgres.pointee.pw_uid, gid = postgres.pointee.pw_gid
            let link = dataDir + "/cluster"
            if home != link, (try? fm.destinationOfSymbolicLink(atPath: link)) == nil {
                try fm.createDirectory(atPath: home, withIntermediateDirectories: true)
                try fm.createSymbolicLink(atPath: link, withDestinationPath: home)
            }
            for dir in [home, home + "/run", socketDir] {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
                chown(dir, uid, gid)
                chmod(dir, 0o700)
            }
        } else {
            for dir in [home, home + "/run", socketDir] {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
                chmod(dir, 0o700)
            }
        }
    }

    /// Where the cluster lives: `<data-dir>/cluster`, except as root when the postgres user cannot
    /// enter the data directory's parent — then `/var/lib/anjie/<hash>`, linked from `<data-dir>/cluster`.
    /// Paths handed to the server are always the real ones, which the postgres user can traverse.
    static func resolveHome(dataDir: String, asRoot: Bool) throws -> String {
        let link = dataDir + "/cluster"
        if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: link) { return destination }
        if !asRoot || FileManager.default.fileExists(atPath: link) { return link }
        let parent = (dataDir as NSString).deletingLastPathComponent
        let reachable = try Subprocess.run(runuser(), ["-u", "postgres", "--", "/bin/sh", "-c", "cd \"$0\"", parent]).succeeded
        return reachable ? link : "/var/lib/anjie/" + hash(dataDir).prefix(16)
    }

    /// Runs a server program as the right user: the postgres user when we are root.
    func runServerTool(_ tool: String, _ arguments: [String]) throws -> Subprocess.Result {
        let path = binDir + "/" + tool
        if runAsPostgres {
            return try Subprocess.run(Self.runuser(), ["-u", "postgres", "--", path] + arguments)
        }
        return try Subprocess.run(path, arguments)
    }

    static func runuser() throws -> String {
        for candidate in ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw StoreError.environment("找不到 runuser（util-linux 软件包）", "runuser not found (Debian package util-linux)")
    }

    /// The newest PostgreSQL server binaries: `ANJIE_PG_BIN`, Debian's `/usr/lib/postgresql/N/bin`, or PATH.
    static func findServerBinaries() throws -> String {
        let fm = FileManager.default
        func hasTools(_ dir: String) -> Bool {
            ["initdb", "pg_ctl", "createdb"].allSatisfy { fm.isExecutableFile(atPath: dir + "/" + $0) }
        }
        if let dir = ProcessInfo.processInfo.environment["ANJIE_PG_BIN"], hasTools(dir) { return dir }
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where hasTools("/usr/lib/postgresql/\(version)/bin") {
            return "/usr/lib/postgresql/\(version)/bin"
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        where hasTools(dir) {
            return dir
        }
        throw StoreError.environment(
            "未找到 PostgreSQL 服务器程序（initdb、pg_ctl）。请安装 postgresql 软件包（apt-get install postgresql），或设置 ANJIE_DATABASE_URL 指向已有数据库。",
            "PostgreSQL server binaries (initdb, pg_ctl) not found. Install the Debian package postgresql (apt-get install postgresql), or set ANJIE_DATABASE_URL to an existing server.")
    }

    /// FNV-1a, for short stable names derived from paths (not for security).
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return String(value, radix: 16).leftPadded(to: 16)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// An exclusive advisory lock on a file, so two `anjie` processes do not initialise one cluster together.
struct FileLock {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.environment("无法打开锁文件 \(path)", "cannot open the lock file \(path)")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { break }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
