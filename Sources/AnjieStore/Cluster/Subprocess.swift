#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs helper programs (initdb, pg_ctl, pg_dump, pg_restore, psql…): the one place that spawns
/// and waits for a process.
///
/// Foundation's `Process` hangs on `pg_ctl start`: the pipe it watches is inherited by the
/// background postmaster and never closes (PLATFORM-NOTES). So: posix_spawn, output to a file,
/// standard input from /dev/null unless the caller hands a descriptor, and waitpid.
public enum Subprocess {
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        public var succeeded: Bool { status == 0 }
    }

    /// A started child process, to be waited for exactly once.
    public struct Child: Sendable {
        public let pid: pid_t

        /// The exit code, 128 + the signal that ended it, or -1 when it cannot be waited for.
        public func waitForExit() -> Int32 {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 {
                guard errno == EINTR else { return -1 }
            }
            // WIFEXITED / WEXITSTATUS are macros that Swift does not import.
            return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        }
    }

    /// Runs a program to completion; `output` is its standard output and error, interleaved.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let outputPath = temporaryLog("out")
        defer { unlink(outputPath) }
        let status = try spawn(executable, arguments, log: outputPath, environment: environment).waitForExit()
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Result(status: status, output: output)
    }

    /// Starts a program without waiting for it, for callers that stream data through it.
    ///
    /// Its standard error goes to the file `log` (created or truncated, mode 0600); its standard
    /// output to the descriptor `stdout`, or to the same log when nil; its standard input comes from
    /// the descriptor `stdin`, or /dev/null when nil. The caller's descriptors should be
    /// close-on-exec, so that no other child inherits them and end-of-file is seen when expected.
    /// `environment` nil: the child inherits ours.
    public static func spawn(_ executable: String, _ arguments: [String], stdin: Int32? = nil, stdout: Int32? = nil,
                             log: String, environment: [String: String]? = nil) throws -> Child {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let stdout {
            posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 2, 1)
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }

        var pid = pid_t()
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, env)
        guard spawned == 0 else {
            throw StoreError.environment(
                "无法启动 \(executable)：\(String(cString: strerror(spawned)))",
                "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        return Child(pid: pid)
    }

    /// A fresh path in the temporary directory for a child's output.
    public static func temporaryLog(_ what: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("anjie-\(getpid())-\(UUID().uuidString).\(what)").path
    }
}
