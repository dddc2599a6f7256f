#if canImport(Glibc)
import Glibc
#endif
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `anjie serve` stops on SIGTERM (swift-service-lifecycle drains and closes the pool). A service
/// that ignores graceful shutdown would make the server wait forever.
@Suite struct ServeShutdownTests {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("anjie").path
    }

    @Test func sigtermStopsTheServer() async throws {
        try await TestDatabase.withFreshDatabase("shutdown") { _, configuration in
            let port = Int.random(in: 20_000...40_000)
            var pid = pid_t()
            let words: [String] = [Self.binary, "serve", "--port", String(port)]
            let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var env = ProcessInfo.processInfo.environment
            env["ANJIE_DATABASE_URL"] = TestDatabase.url(for: configuration)
            env["ANJIE_LOG_LEVEL"] = "error"
            let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { envp.forEach { free($0) } }
            #expect(posix_spawn(&pid, Self.binary, nil, nil, argv, envp) == 0)
            // Wait until it answers, at most 20 s.
            var up = false
            for _ in 0..<100 where !up {
                try await Task.sleep(for: .milliseconds(200))
                if let url = URL(string: "http://127.0.0.1:\(port)/healthz"),
                   let (_, response) = try? await URLSession.shared.data(from: url),
                   (response as? HTTPURLResponse)?.statusCode == 200 { up = true }
            }
            #expect(up, "the server never answered /healthz")
            kill(pid, SIGTERM)
            var status: Int32 = 0
            var exited = false
            for _ in 0..<100 where !exited {
                try await Task.sleep(for: .milliseconds(100))
                exited = waitpid(pid, &status, WNOHANG) == pid
            }
            if !exited {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
            }
            #expect(exited, "anjie serve did not stop within 10 s of SIGTERM")
        }
    }
}
