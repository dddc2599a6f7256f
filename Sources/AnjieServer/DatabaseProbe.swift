#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PostgresNIO
import Synchronization

/// Knows within a second whether PostgreSQL accepts connections, without the pool.
///
/// postgres-nio's pool queues requests while it cannot connect and fails them only when its
/// circuit breaker trips, about 60 s later; clients would hang that long. A plain socket connect
/// (refused at once when the server is down) lets the API answer 503 right away and cut short
/// requests already waiting (`DatabaseWatch`), and it notices the server is back as quickly.
///
/// It probes once a second while the database is up — and at once when a request has just failed
/// with a database error (`suspect()`), which is how an outage is usually first seen — and four
/// times a second while it is down, so recovery is seen within a quarter of a second.
public final class DatabaseProbe: Sendable {
    private let endpoint: Endpoint
    private let down = Atomic<Bool>(false)
    /// When the database was first seen down (monotonic nanoseconds), 0 while it is up.
    private let downSince = Atomic<UInt64>(0)
    /// Set by `suspect()`: probe now instead of at the end of the period.
    private let wakeRequested = Atomic<Bool>(false)
    static let upPeriod: Duration = .seconds(1)
    static let downPeriod: Duration = .milliseconds(250)

    enum Endpoint: Sendable {
        case unix(String)
        case tcp(String, Int)
    }

    public init(_ configuration: PostgresClient.Configuration) {
        if let path = configuration.unixSocketPath {
            endpoint = .unix(path)
        } else {
            endpoint = .tcp(configuration.host ?? "127.0.0.1", configuration.port ?? 5432)
        }
    }

    public var isDown: Bool { down.load(ordering: .relaxed) }

    /// Seconds the database has been seen down (0 when up).
    public var secondsDown: Double {
        let since = downSince.load(ordering: .relaxed)
        return since == 0 ? 0 : Double(DispatchTime.now().uptimeNanoseconds - since) / 1e9
    }

    /// Asks for a probe now: a request just failed in a way that may mean the database is gone.
    /// Cheap and safe to call from every failing request; many calls cause one probe.
    public func suspect() {
        wakeRequested.store(true, ordering: .relaxed)
    }

    /// Probes until cancelled: every `upPeriod` while up, every `downPeriod` while down, and
    /// within 50 ms of a `suspect()`.
    public func run() async {
        while !Task.isCancelled {
            wakeRequested.store(false, ordering: .relaxed)
            await Task.detached { self.probeOnce() }.value
            let period = down.load(ordering: .relaxed) ? Self.downPeriod : Self.upPeriod
            let deadline = ContinuousClock.now + period
            // Sleeps in slices so that a suspicion is acted on within 50 ms, not a whole period later.
            while !Task.isCancelled, ContinuousClock.now < deadline, !wakeRequested.load(ordering: .relaxed) {
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// One probe (a blocking connect, at most 2 s); updates the state.
    func probeOnce() {
        if connects() {
            down.store(false, ordering: .relaxed)
            downSince.store(0, ordering: .relaxed)
        } else if !down.load(ordering: .relaxed) {
            downSince.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
            down.store(true, ordering: .relaxed)
        }
    }

    /// A socket connect with a 2-second limit; true when the server accepted it.
    func connects() -> Bool {
        switch endpoint {
        case .unix(let path):
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8.prefix(107))
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                for (index, byte) in bytes.enumerated() { buffer[index] = byte }
            }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            return result == 0
        case .tcp(let host, let port):
            var hints = addrinfo(ai_flags: 0, ai_family: AF_UNSPEC, ai_socktype: Int32(SOCK_STREAM.rawValue), ai_protocol: 0,
                                 ai_addrlen: 0, ai_addr: nil, ai_canonname: nil, ai_next: nil)
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return false }
            defer { freeaddrinfo(list) }
            let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            if connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 { return true }
            guard errno == EINPROGRESS else { return false }
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            guard poll(&poller, 1, 2000) == 1 else { return false }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            return error == 0
        }
    }
}
