import Foundation
import KlaxonCore
import Testing

@Suite("Incident evolve")
struct IncidentTests {
    static let life: [IncidentEvent] = [
        Fixture.declaration(.p0, title: "Uploads failing", kind: .security, publicFacing: true),
        IncidentEvent(at: Fixture.at(minutes: 2), actor: Fixture.alice, change: .commanderAssigned(Fixture.bob)),
        IncidentEvent(at: Fixture.at(minutes: 5), actor: Fixture.bob, change: .updatePosted(text: "Investigating uploads")),
        IncidentEvent(at: Fixture.at(minutes: 9), actor: Fixture.bob, change: .scopeSet(text: "All regions")),
        IncidentEvent(at: Fixture.at(minutes: 20), actor: Fixture.bob, change: .statusChanged(from: .investigating, to: .identified, note: "Pool exhausted")),
        IncidentEvent(at: Fixture.at(minutes: 25), actor: Fixture.bob, change: .statusChanged(from: .identified, to: .monitoring, note: nil)),
        IncidentEvent(at: Fixture.at(minutes: 30), actor: Fixture.bob, change: .severityChanged(from: .p0, to: .p1, reason: "EU only")),
        IncidentEvent(at: Fixture.at(minutes: 31), actor: Fixture.bob, change: .notePosted(text: "Pool raised to 50")),
        IncidentEvent(at: Fixture.at(minutes: 40), actor: Fixture.alice, change: .resolved(summary: "Pool raised", forcedReason: "Night")),
    ]

    @Test("Folding a whole life gives the final status, commander, severity, update and resolution")
    func foldingAWholeLifeGivesTheFinalState() throws {
        let incident = try #require(Incident(id: IncidentID(4), events: Self.life))
        #expect(incident.id == IncidentID(4))
        #expect(incident.title == "Uploads failing")
        #expect(incident.kind == .security)
        #expect(incident.publicFacing)
        #expect(incident.channel == Fixture.incidents)
        #expect(incident.declaredBy == Fixture.alice)
        #expect(incident.declaredAt == Fixture.declaredAt)
        #expect(incident.commander == Fixture.bob)
        #expect(incident.severity == .p1)
        #expect(incident.scope == "All regions")
        #expect(incident.lastUpdateAt == Fixture.at(minutes: 20))
        #expect(incident.lastUpdateText == "Pool exhausted")
        #expect(incident.status == .resolved)
        #expect(incident.resolvedAt == Fixture.at(minutes: 40))
        #expect(incident.resolution == "Pool raised")
        #expect(!incident.isOpen)
        #expect(incident.version == 9)
        #expect(incident.timeline == Self.life)
    }

    @Test("A new incident is open, investigating, and has no commander or update yet")
    func aNewIncidentIsOpenInvestigatingAndHasNoCommander() throws {
        let incident = try #require(Incident(id: IncidentID(1), first: Fixture.declaration(.p2, title: "OCR stuck")))
        #expect(incident.isOpen)
        #expect(incident.status == .investigating)
        #expect(incident.severity == .p2)
        #expect(incident.title == "OCR stuck")
        #expect(incident.kind == .general)
        #expect(!incident.publicFacing)
        #expect(incident.commander == nil)
        #expect(incident.lastUpdateAt == nil)
        #expect(incident.resolvedAt == nil)
        #expect(incident.version == 1)
    }

    @Test("An update sets the last update's time and text; a status change without a note does not")
    func anUpdateSetsTheLastUpdateButAStatusChangeWithoutNoteDoesNot() throws {
        let incident = try #require(Incident(id: IncidentID(1), events: Array(Self.life.prefix(3)) + [Self.life[5]]))
        #expect(incident.lastUpdateAt == Fixture.at(minutes: 5))
        #expect(incident.lastUpdateText == "Investigating uploads")
        #expect(incident.status == .monitoring)
    }

    static let histories: [[IncidentEvent]] = (1...life.count).map { Array(life.prefix($0)) }

    @Test("Rebuilding from events equals evolving one event at a time", arguments: histories)
    func rebuildingFromEventsEqualsEvolvingOneEventAtATime(events: [IncidentEvent]) throws {
        let rebuilt = try #require(Incident(id: IncidentID(2), events: events))
        var stepped = try #require(Incident(id: IncidentID(2), first: events[0]))
        for event in events.dropFirst() { stepped = stepped.evolved(by: event) }
        #expect(rebuilt == stepped)
        #expect(rebuilt.version == events.count)
    }

    @Test("Evolving leaves the original incident as it was")
    func evolvingLeavesTheOriginalIncidentAsItWas() throws {
        let original = try #require(Incident(id: IncidentID(1), first: Self.life[0]))
        let next = original.evolved(by: Self.life[1])
        #expect(original.commander == nil)
        #expect(original.version == 1)
        #expect(next.commander == Fixture.bob)
    }

    @Test("Only a declaration can start an incident")
    func onlyADeclarationCanStartAnIncident() {
        #expect(Incident(id: IncidentID(1), first: Self.life[1]) == nil)
        #expect(Incident(id: IncidentID(1), events: Array(Self.life.dropFirst())) == nil)
        #expect(Incident(id: IncidentID(1), events: []) == nil)
    }

    static let declareItems = TestPolicy.declareChecklist.items
    static let resolutionItems = TestPolicy.resolutionChecklist.items

    @Test("Declare items are done by the events they name", arguments: [
        ([IncidentChange](), ["alert-posted", "team-notified"]),
        ([.scopeSet(text: "EU")], ["alert-posted", "scope-determined", "team-notified"]),
        ([.commanderAssigned(Fixture.bob)], ["alert-posted", "commander-assigned", "team-notified"]),
        ([.updatePosted(text: "Looking")], ["alert-posted", "team-notified", "initial-update-posted"]),
        ([.notePosted(text: "Looking")], ["alert-posted", "team-notified"]),
        ([.scopeSet(text: "EU"), .commanderAssigned(Fixture.bob), .updatePosted(text: "Looking")],
         ["alert-posted", "scope-determined", "commander-assigned", "team-notified", "initial-update-posted"]),
    ])
    func declareItemsAreDoneByTheEventsTheyName(changes: [IncidentChange], done: [String]) {
        let incident = Fixture.incident(.p0, then: changes)
        let doneItems = Self.declareItems.filter { incident.isDone($0, in: "declare") }.map(\.id)
        #expect(doneItems == done)
    }

    @Test("Ticking by hand marks that item of that checklist only")
    func tickingByHandMarksThatItemOfThatChecklistOnly() throws {
        let incident = Fixture.incident(.p0, then: [.checklistItemChecked(checklist: "resolution", item: "smoke-tests")])
        let smoke = try #require(Self.resolutionItems.last)
        #expect(smoke.id == "smoke-tests")
        #expect(incident.isDone(smoke, in: "resolution"))
        #expect(!incident.isDone(smoke, in: "declare"))
        #expect(incident.checkedItems == ["resolution/smoke-tests"])
        #expect(incident.openItems(of: TestPolicy.resolutionChecklist, named: "resolution").map(\.id)
            == ["multiple-clients", "monitoring-stable", "customer-confirmed"])
    }

    @Test("A declare item can also be ticked by hand before its event happens")
    func aDeclareItemCanAlsoBeTickedByHand() {
        let incident = Fixture.incident(.p0, then: [.checklistItemChecked(checklist: "declare", item: "scope-determined")])
        #expect(incident.openItems(of: TestPolicy.declareChecklist, named: "declare").map(\.id) == ["commander-assigned", "initial-update-posted"])
    }

    @Test("Open items are empty when the checklist does not apply to the severity", arguments: [
        (Severity.p1, "declare"), (.p2, "declare"), (.p3, "declare"), (.p3, "resolution"),
    ])
    func openItemsAreEmptyWhenTheChecklistDoesNotApply(severity: Severity, checklist: String) throws {
        let policy = try #require(TestPolicy.playbook.checklists[checklist])
        #expect(Fixture.incident(severity).openItems(of: policy, named: checklist).isEmpty)
    }

    @Test("Open items are all unticked items when the checklist applies", arguments: [Severity.p0, .p1, .p2])
    func openItemsAreAllUntickedItemsWhenTheChecklistApplies(severity: Severity) {
        let open = Fixture.incident(severity).openItems(of: TestPolicy.resolutionChecklist, named: "resolution")
        #expect(open.map(\.id) == ["multiple-clients", "monitoring-stable", "customer-confirmed", "smoke-tests"])
    }

    @Test("A severity change moves the incident in or out of a checklist")
    func aSeverityChangeMovesTheIncidentInOrOutOfAChecklist() {
        let escalated = Fixture.incident(.p3, then: [.severityChanged(from: .p3, to: .p0, reason: nil)])
        #expect(escalated.openItems(of: TestPolicy.declareChecklist, named: "declare").map(\.id)
            == ["scope-determined", "commander-assigned", "initial-update-posted"])
    }

    @Test("The timeline knows which events happened by name")
    func theTimelineKnowsWhichEventsHappenedByName() {
        let incident = Fixture.incident(.p1, then: [.scopeSet(text: "EU")])
        #expect(incident.hasEvent(named: "declared"))
        #expect(incident.hasEvent(named: "scope_set"))
        #expect(!incident.hasEvent(named: "resolved"))
    }
}
