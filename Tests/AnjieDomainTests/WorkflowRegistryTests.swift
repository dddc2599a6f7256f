import AnjieDomain
import Testing

@Suite struct WorkflowRegistryTests {
    @Test func everyWorkflowIsRegisteredUnderItsIdAndNames() throws {
        #expect(Set(Workflows.all.keys) == Set(WorkflowID.allCases))
        for id in WorkflowID.allCases {
            #expect(Workflows.all[id]?.id == id)
            #expect(try Workflows.named(id.commandName).id == id)
            #expect(try Workflows.named(id.label).id == id)
        }
        #expect(Workflows.matter.id == .matter && Workflows.mediation.id == .mediation && Workflows.review.id == .review)
        #expect(Workflows.adminMediation.id == .adminMediation && Workflows.legalAid.id == .legalAid)
        #expect(Workflows.notarization.id == .notarization)
    }

    /// Events are looked up by id or Chinese label, so labels must be unique and must not shadow an id.
    @Test(arguments: WorkflowID.allCases)
    func labelsAreUniqueAndTransitionsNameRealStates(_ id: WorkflowID) throws {
        let workflow = try #require(Workflows[id])
        let eventNames = workflow.events.map(\.spec.name)
        let eventLabels = workflow.events.map(\.spec.zh)
        #expect(Set(eventNames).count == eventNames.count)
        #expect(Set(eventLabels).count == eventLabels.count)
        #expect(Set(eventLabels).isDisjoint(with: eventNames))
        #expect(Set(workflow.states.map(\.zh)).count == workflow.states.count)
        #expect(workflow.events.allSatisfy { workflow.event(named: $0.spec.zh)?.spec.name == $0.spec.name })
        let states = Set(workflow.states.map(\.id))
        for event in workflow.events {
            #expect(event.from.allSatisfy { $0 == nil || states.contains($0!) }, "\(event.spec.name)")
            #expect(event.to.map(states.contains) ?? true, "\(event.spec.name)")
            let fields = event.spec.fields.map(\.name)
            #expect(Set(fields).count == fields.count, "\(event.spec.name)")
        }
        // Exactly the opening events start a case, and every state is reachable by some event.
        #expect(!workflow.allowedEvents(in: nil).isEmpty)
        #expect(states.subtracting(workflow.events.compactMap(\.to)).isEmpty)
        // A closed state allows nothing but what the contract lets closed cases do.
        for state in workflow.states where state.closed {
            let next = workflow.allowedEvents(in: state.id)
            #expect(next.allSatisfy { ["reopen", "archive"].contains($0) }, "\(state.id): \(next)")
        }
    }
}
