// swift-tools-version:6.0
import PackageDescription

// Imports point inward: AnjieDomain (pure) ← AnjieStore (PostgreSQL) ← AnjieCLI ← anjie.
let package = Package(
    name: "anjie",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "anjie", targets: ["anjie"]),
        .library(name: "AnjieDomain", targets: ["AnjieDomain"]),
        .library(name: "AnjieStore", targets: ["AnjieStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already built for postgres-nio; named so ANJIE_DATABASE_URL can ask for sslmode=require.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The HTTP API: Hummingbird 2, metrics in Prometheus text, token hashes with swift-crypto.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Township ledgers arrive as CSV saved by Excel: a maintained RFC 4180 reader, not our own.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // Server-rendered HTML (dashboard, printable report) from logic-less templates; no JS build.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Workflows, validation, calendar and indicator definitions. No I/O, no PostgresNIO.
        .target(name: "AnjieDomain"),
        // Deterministic synthetic records (random valid histories; the demo's 2025 dataset). Pure.
        .target(name: "AnjieSynthetic", dependencies: ["AnjieDomain"]),
        // Event store, migrations and the embedded local PostgreSQL cluster.
        .target(
            name: "AnjieStore",
            dependencies: [
                "AnjieDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                // PBKDF2 for the dashboard's passwords (UserStore).
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Spreadsheet ledgers (台账): decode CSV bytes (UTF-8/GB18030), map Chinese headers and labels
        // to the domain's events. No database: the CLI feeds the result to the same engine.
        .target(
            name: "AnjieLedger",
            dependencies: ["AnjieDomain", .product(name: "CSV", package: "CSV.swift")]
        ),
        // HTML pages (supervisor dashboard, printable report) and their SVG charts. Pure rendering.
        .target(
            name: "AnjieWeb",
            dependencies: ["AnjieDomain", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // `anjie serve`: the same services over HTTP. Controllers are thin; rules stay in the domain.
        .target(
            name: "AnjieServer",
            dependencies: [
                "AnjieDomain", "AnjieStore", "AnjieWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                // The hash of the pages' one inline stylesheet, for their Content-Security-Policy.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Commands; `run()` calls the store and formats, nothing more.
        .target(
            name: "AnjieCLI",
            dependencies: [
                "AnjieDomain", "AnjieStore", "AnjieSynthetic", "AnjieServer", "AnjieLedger", "AnjieWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "anjie", dependencies: ["AnjieCLI"]),
        .testTarget(name: "AnjieDomainTests", dependencies: ["AnjieDomain"]),
        .testTarget(name: "AnjieSyntheticTests", dependencies: ["AnjieSynthetic", "AnjieDomain"]),
        .testTarget(name: "AnjieWebTests", dependencies: ["AnjieWeb", "AnjieDomain"]),
        .testTarget(name: "AnjieLedgerTests", dependencies: ["AnjieLedger", "AnjieDomain"]),
        // Talks to a real PostgreSQL (a throwaway cluster, or ANJIE_TEST_DATABASE_URL) and runs the
        // built `anjie` binary, which is why it depends on the executable.
        .testTarget(name: "AnjieIntegrationTests", dependencies: [
                "AnjieStore", "AnjieCLI", "AnjieDomain", "AnjieSynthetic", "AnjieServer", "anjie",
                "AnjieLedger", "AnjieWeb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ]
)
