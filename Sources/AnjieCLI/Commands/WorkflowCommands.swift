import AnjieDomain
import ArgumentParser

/// The event subcommands, one per registered workflow (`anjie dispute …`, `anjie legal-aid …`),
/// made from the registry when the command line is parsed.
///
/// ArgumentParser knows a subcommand by its type, so each workflow needs a type of its own to get
/// its own name, help line and shell completion. Rather than a hand-written tag per workflow,
/// the types are minted by position in the registry: the n-th workflow's command is
/// `WorkflowEventCommand<P>` where `P.index == n` (`FirstPosition`, `PositionAfter<FirstPosition>`,
/// …). Generic types are instantiated at run time, so a workflow registered by a test
/// (`Workflows.register(…)`) is offered like the built-in ones, before any parse.
enum WorkflowCommands {
    /// The registered workflows, in registry order.
    static var offered: [WorkflowID] {
        Workflows.ordered.map(\.id)
    }

    /// One command type per offered workflow.
    static var subcommands: [any ParsableCommand.Type] {
        commands(from: FirstPosition.self, count: offered.count)
    }

    private static func commands<P: RegistryPosition>(from _: P.Type, count: Int) -> [any ParsableCommand.Type] {
        guard P.index < count else { return [] }
        return [WorkflowEventCommand<P>.self] + commands(from: PositionAfter<P>.self, count: count)
    }
}

/// A position in the registry of workflows, as a type (see WorkflowCommands).
protocol RegistryPosition {
    static var index: Int { get }
}

enum FirstPosition: RegistryPosition {
    static var index: Int { 0 }
}

enum PositionAfter<Previous: RegistryPosition>: RegistryPosition {
    static var index: Int { Previous.index + 1 }
}
