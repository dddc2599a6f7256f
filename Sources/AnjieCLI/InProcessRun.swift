import AnjieStore
import ArgumentParser

/// What one in-process run of a command line printed, and how it ended.
public struct CLIRun: Sendable {
    /// The exit status the `anjie` executable would end with.
    public let status: Int32
    /// What it would print on stdout (help, records, tables).
    public let output: String
    /// What it would print on stderr (refusals, usage errors).
    public let errors: String
}

/// The database an in-process run's commands use instead of ANJIE_DATABASE_URL or ./.anjie.
enum InProcessRun {
    @TaskLocal static var database: Database?
}

extension AnjieCommand {
    /// Runs one command line in this process as the `anjie` executable runs it — the same parsing,
    /// help, messages and exit status — and returns what it printed instead of printing it.
    /// `arguments` leaves out the program name: `["dispute", "register", "--channel", …]`.
    ///
    /// `database`: commands that open the database through Runtime (recording events, reading
    /// cases) use it as given; nil opens the database the environment names, as the binary does.
    /// Commands that manage the database itself (`db`, `backup`, `serve`, …) always do the latter.
    public static func run(_ arguments: [String], database: Database? = nil) async -> CLIRun {
        let output = CollectedText()
        let errors = CollectedText()
        let sink = CLIOutput(output: { output.append($0) }, error: { errors.append($0) })
        let status = await CLIOutput.$current.withValue(sink) {
            await InProcessRun.$database.withValue(database) {
                await runReportingStatus(arguments)
            }
        }
        return CLIRun(status: status, output: output.value, errors: errors.value)
    }

    /// `main(_:)` without the process exit: ArgumentParser's messages go where `exit(withError:)`
    /// would print them (help and other clean exits on stdout, the rest on stderr).
    private static func runReportingStatus(_ arguments: [String]) async -> Int32 {
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitCode.success.rawValue
        } catch {
            let code = exitCode(for: error)
            let text = fullMessage(for: error)
            if !text.isEmpty {
                if code == .success { print(text) } else { Terminal.error(text) }
            }
            return code.rawValue
        }
    }
}
