import ArgumentParser
import Foundation

public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "本地数据库目录 Embedded database directory (default ./.anjie; ignored when ANJIE_DATABASE_URL is set)")
    var dataDir: String?

    @Option(help: "县级行政区划代码 County code (default $ANJIE_COUNTY or 450222)")
    var county: String?

    @Option(help: "输出格式 Output format")
    var format: OutputFormat = .text

    var countyCode: String {
        county ?? ProcessInfo.processInfo.environment["ANJIE_COUNTY"] ?? "450222"
    }
}

enum Defaults {
    /// Who recorded an event: `--actor`, `$ANJIE_ACTOR`, or the login name.
    static func actor(_ explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        let env = ProcessInfo.processInfo.environment
        return env["ANJIE_ACTOR"] ?? "cli:" + (env["USER"] ?? env["LOGNAME"] ?? "unknown")
    }
}
