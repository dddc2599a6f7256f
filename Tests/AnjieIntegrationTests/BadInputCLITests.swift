#if canImport(Glibc)
import Glibc
#endif
import AnjieStore
import Foundation
import PostgresNIO
import Testing

/// The CLI entry path of issue 7's bad input (import and API: BadInputTests): the built `anjie`
/// run with malformed options of the event commands. Every run must exit non-zero by itself (not
/// by a signal), say what is wrong in Chinese and English, and write nothing.
@Suite struct BadInputCLITests {
    /// One run of the binary; arguments are bytes so that some can be invalid UTF-8.
    struct Run {
        let status: Int32
        /// The signal that ended the process (a crash: trap, abort, segfault), 0 when it exited.
        let signal: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("anjie").path
    }

    /// Output goes to files, not pipes: a pipe that nobody reads could fill and block the child.
    static func run(_ arguments: [[UInt8]], database: PostgresClient.Configuration) throws -> Run {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("anjie-badcli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, dir + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, dir + "/err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, byte) in bytes.enumerated() { pointer[i] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            return pointer
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([Array(binary.utf8)] + arguments).map(cString) + [nil]
        defer { argv.forEach { $0?.deallocate() } }
        var env = ProcessInfo.processInfo.environment
        env["ANJIE_DATABASE_URL"] = TestDatabase.url(for: database)
        env["ANJIE_ACTOR"] = "test:badcli"
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "ANJIE_COUNTY")
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { cString(Array("\($0.key)=\($0.value)".utf8)) } + [nil]
        defer { envp.forEach { $0?.deallocate() } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard spawned == 0 else { throw StoreError.environment("spawn", "cannot start \(binary): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let out = FileManager.default.contents(atPath: dir + "/out") ?? Data()
        let err = FileManager.default.contents(atPath: dir + "/err") ?? Data()
        // The wait status: low 7 bits are the terminating signal (0 = exited), the next byte the exit code.
        return Run(status: (status >> 8) & 0xFF, signal: status & 0x7F,
                   stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test func everyMalformedEventCommandExitsNonZeroNamesTheProblemAndWritesNothing() async throws {
        let corpus = BadInputCorpus.cliCases(caseNumber: "JF-2025-00001")
        #expect(corpus.count >= 100, "the corpus shrank: \(corpus.count) cases")
        try await TestDatabase.withFreshDatabase("badcli") { db, configuration in
            // The same command line, well formed, is recorded: so a refusal below is the bad value's doing.
            let valid = try Self.run(BadInputCorpus.cliValidRegister.map { Array($0.utf8) } + [Array("--format".utf8), Array("json".utf8)],
                                     database: configuration)
            #expect(valid.status == 0 && valid.signal == 0, "the valid register failed: \(valid.stderr)")
            #expect(valid.stdout.contains("JF-2025-00001"), "the valid register got another number: \(valid.stdout)")
            let before = try await BadInputTests.countRows(db)
            #expect(before > 0)
            var exitCodes: [Int32: Int] = [:]
            for entry in corpus {
                let run = try Self.run(entry.arguments, database: configuration)
                exitCodes[run.status, default: 0] += 1
                let label = "\(entry.label) → exit \(run.status), signal \(run.signal): \(run.stderr.prefix(400))"
                #expect(run.signal == 0, "crashed: \(label)")
                #expect(run.status != 0, "accepted: \(label)")
                // Clean: a message in both languages (a CJK character; two English words in a row — the
                // "Error:" label alone does not count), no crash report or driver internals, and not the
                // whole 128 KiB value echoed back.
                #expect(run.stderr.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "no Chinese: \(label)")
                #expect(run.stderr.range(of: "[A-Za-z]{2,} [A-Za-z]+", options: .regularExpression) != nil, "no English: \(label)")
                #expect(!["Fatal error", "Stack dump", "PSQLError", "Swift runtime failure"].contains { run.stderr.contains($0) }, "not clean: \(label)")
                #expect(run.stderr.utf8.count < 8192, "\(run.stderr.utf8.count) bytes of error: \(entry.label)")
                // Names the problem: the option, field or value at fault appears in the message.
                #expect(entry.mentions.contains { run.stderr.localizedCaseInsensitiveContains($0) },
                        "does not name \(entry.mentions): \(label)")
            }
            #expect(try await BadInputTests.countRows(db) == before, "a refused command wrote something")
            print("BadInputCLITests: \(corpus.count) malformed CLI invocations tried, exit codes \(exitCodes.sorted { $0.key < $1.key })")
        }
    }
}
