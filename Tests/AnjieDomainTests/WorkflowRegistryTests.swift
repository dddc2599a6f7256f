import AnjieDomain
import Testing

@Suite struct WorkflowRegistryTests {
    @Test func everyWorkflowIsRegisteredUnderItsIdAndNames() throws {
        // DOMAIN.md's workflows, first and in order (a test elsewhere in this process may register more after them).
        #expect(Workflows.contract.map(\.id.rawValue)
                == ["dispute", "matter", "mediation", "review", "admin_mediation", "legal_aid", "notarization"])
        #expect(Array(WorkflowID.allCases.prefix(Workflows.contract.count)) == Workflows.contract.map(\.id))
        for id in Workflows.contract.map(\.id) {
            #expect(Workflows.all[id]?.id == id)
            #expect(try Workflows.named(id.commandName).id == id)
            #expect(try Workflows.named(id.label).id == id)
        }
        #expect(Workflows.of(MatterRules.self).id == .matter && Workflows.of(MediationRules.self).id == .mediation && Workflows.of(ReviewRules.self).id == .review)
        #expect(Workflows.of(AdminMediationRules.self).id == .adminMediation && Workflows.of(LegalAidRules.self).id == .legalAid)
        #expect(Workflows.of(NotarizationRules.self).id == .notarization)
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

    /// A declared statistics column is a field of an opening event, so `CaseFacts` can fill it (a
    /// typo would otherwise store NULL for every case and zero a figure quietly).
    @Test(arguments: WorkflowID.allCases)
    func statisticsColumnsAreFieldsOfAnOpeningEvent(_ id: WorkflowID) throws {
        let workflow = try #require(Workflows[id])
        let openingFields = Set(workflow.openingEvents.flatMap { $0.spec.fields.map(\.name) })
        for column in workflow.statisticsColumns {
            #expect(openingFields.contains(column), "\(id.rawValue): \(column) is not a field of \(workflow.openingEvents.map(\.spec.name))")
        }
        #expect(Set(workflow.statisticsColumns).count == workflow.statisticsColumns.count)
    }

    /// Concluding events and recorders name the workflow's own events (declared as enum cases, so a
    /// rename is a compile error; this guards the erased view).
    @Test(arguments: WorkflowID.allCases)
    func concludingEventsAndRecordersAreTheWorkflowsOwn(_ id: WorkflowID) throws {
        let workflow = try #require(Workflows[id])
        let names = Set(workflow.events.map(\.spec.name))
        #expect(!workflow.concludingEvents.isEmpty)
        #expect(Set(workflow.concludingEvents).isSubset(of: names))
        for event in workflow.events {
            #expect(workflow.recorders(of: event.spec.name).contains(.admin), "\(event.spec.name)")
        }
        #expect(workflow.recorders(of: "no_such_event").isEmpty)
    }
}
