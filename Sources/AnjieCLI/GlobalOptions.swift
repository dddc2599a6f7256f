import AnjieDomain
import AnjieStore
import ArgumentParser
import Foundation

public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "本地数据库目录 Embedded database directory (default ./.anjie; ignored when ANJIE_DATABASE_URL is set)")
    var dataDir: String?

    @Option(help: "县级行政区划代码 County code (default $ANJIE_COUNTY, else the database's county: see anjie county list)")
    var county: String?

    @Option(help: "输出格式 Output format")
    var format: OutputFormat = .text

    /// `--county`, else `$ANJIE_COUNTY`; nil leaves the choice to the database (`Defaults.county`).
    var explicitCounty: String? { Defaults.explicitCounty(county) }

    /// The county this command works on (see `Defaults.county`).
    func county(in db: Database) async throws -> String {
        try await Defaults.county(county, in: db)
    }
}

enum Defaults {
    /// `--county`, else `$ANJIE_COUNTY`, else nil.
    static func explicitCounty(_ option: String?) -> String? {
        if let option, !option.isEmpty { return option }
        return ProcessInfo.processInfo.environment["ANJIE_COUNTY"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The one resolver of "which county" (issue 16): `--county`, `$ANJIE_COUNTY`, else the
    /// database's own county (the only one registered, or the default one; `CountyChoice`).
    static func county(_ option: String?, in db: Database) async throws -> String {
        try await CountyStore(db).resolve(explicit: explicitCounty(option))
    }

    /// The same for a command that needs the county before it opens the database for its work.
    static func county(_ option: String?, dataDir: String?) async throws -> String {
        if let explicit = explicitCounty(option) { return try await Runtime.reportingErrors { try CountyCode.validate(explicit) } }
        return try await Runtime.withDatabase(dataDir: dataDir) { try await county(option, in: $0) }
    }

    /// Who recorded an event: `--actor`, `$ANJIE_ACTOR`, or the login name.
    static func actor(_ explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        let env = ProcessInfo.processInfo.environment
        return env["ANJIE_ACTOR"] ?? "cli:" + (env["USER"] ?? env["LOGNAME"] ?? "unknown")
    }
}
