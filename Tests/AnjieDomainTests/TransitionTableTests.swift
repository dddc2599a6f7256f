import AnjieDomain
import Testing

/// Each workflow's transition table pinned to DOMAIN.md: every (state or new case) × event pair is
/// allowed or refused as the contract says, with the contract's target, both in the workflow's
/// description (what the CLI, API and diagrams read) and in `decide` (what records events).
@Suite struct TransitionTableTests {
    /// The contract's workflows (a test elsewhere registers one of its own, with its own table).
    @Test func everyContractWorkflowHasAContractTable() {
        let tabled = Set(ContractTable.all.map(\.workflow.rawValue))
        let registered = Set(Workflows.contract.map(\.id.rawValue))
        #expect(registered.subtracting(tabled).isEmpty, "workflows without a contract table: \(registered.subtracting(tabled).sorted())")
        #expect(tabled.subtracting(registered).isEmpty, "contract tables without a workflow: \(tabled.subtracting(registered).sorted())")
    }

    @Test(arguments: ContractTable.all)
    func tableIsWellTyped(_ table: ContractTable) {
        #expect(table.problems.isEmpty, "\(table.workflow.rawValue): \(table.problems)")
        #expect(!table.allowed(in: nil).isEmpty, "\(table.workflow.rawValue): no event opens a case")
    }

    @Test(arguments: ContractTable.all)
    func statesAndEventsAreExactlyTheContracts(_ table: ContractTable) throws {
        let workflow = try #require(Workflows.all[table.workflow])
        let name = table.workflow.rawValue
        let states = Set(workflow.states.map(\.id)), events = Set(workflow.events.map(\.spec.name))
        #expect(states.subtracting(table.states).isEmpty, "\(name): states not in the contract: \(states.subtracting(table.states).sorted())")
        #expect(Set(table.states).subtracting(states).isEmpty, "\(name): contract states missing: \(Set(table.states).subtracting(states).sorted())")
        #expect(events.subtracting(table.events).isEmpty, "\(name): events not in the contract: \(events.subtracting(table.events).sorted())")
        #expect(Set(table.events).subtracting(events).isEmpty, "\(name): contract events missing: \(Set(table.events).subtracting(events).sorted())")
    }

    /// The workflow's description allows exactly the contract's pairs, each with the contract's target.
    @Test(arguments: ContractTable.all)
    func everyPairIsAllowedOrRefusedAsTheContractSays(_ table: ContractTable) throws {
        let workflow = try #require(Workflows.all[table.workflow])
        let events = table.events + workflow.events.map(\.spec.name).filter { !table.events.contains($0) }
        for state in [nil] + table.states {
            let codeAllowed = workflow.allowedEvents(in: state)
            for event in events {
                let info = workflow.events.first { $0.spec.name == event }
                let codeTarget = codeAllowed.contains(event) ? (info?.to ?? state) : nil
                let contractTarget = table.allows(event, in: state) ? table.target(of: event, from: state) : nil
                #expect(codeAllowed.contains(event) == table.allows(event, in: state),
                        "\(table.workflow.rawValue): in \(ContractTable.name(state)), event \(event) — contract: \(Self.verdict(contractTarget, table.allows(event, in: state))); code: \(Self.verdict(codeTarget, codeAllowed.contains(event)))")
                if codeAllowed.contains(event), table.allows(event, in: state) {
                    #expect(codeTarget == contractTarget,
                            "\(table.workflow.rawValue): in \(ContractTable.name(state)), event \(event) leads to \(codeTarget ?? "?") in the code, \(contractTarget ?? "?") in the contract")
                }
            }
        }
    }

    /// Where the contract names the closed (terminal) states, exactly those are closed.
    @Test(arguments: ContractTable.all.filter { $0.closed != nil })
    func closedStatesAreTheContracts(_ table: ContractTable) throws {
        let workflow = try #require(Workflows.all[table.workflow])
        let closed = Set(workflow.states.filter(\.closed).map(\.id))
        #expect(closed == table.closed, "\(table.workflow.rawValue): closed in the code \(closed.sorted()), in the contract \((table.closed ?? []).sorted())")
    }

    /// A state the contract lets no event leave is a case that is over: the code must count it closed
    /// (inferred from the tables, for the workflows whose text does not list closed states).
    @Test(arguments: ContractTable.all)
    func statesWithNoWayOutAreClosed(_ table: ContractTable) throws {
        let workflow = try #require(Workflows.all[table.workflow])
        for state in table.states where table.allowed(in: state).isEmpty {
            #expect(workflow.state(state)?.closed == true, "\(table.workflow.rawValue): \(state) allows no event but is not closed")
        }
    }

    static func verdict(_ target: String?, _ allowed: Bool) -> String {
        allowed ? "allowed (→ \(target ?? "?"))" : "refused"
    }
}
