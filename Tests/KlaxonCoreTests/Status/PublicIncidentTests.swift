import Foundation
import KlaxonCore
import Testing

@Suite("PublicIncident")
struct PublicIncidentTests {
    let components = PublicStatusPolicy.standard.components

    @Test("A private incident has no public view")
    func aPrivateIncidentHasNoPublicView() {
        #expect(PublicIncident(Fixture.incident(.p0), components: components) == nil)
    }

    @Test("A public incident with no public update shows its status's default text (an update without text)")
    func aNewPublicIncidentHasOneDefaultEntry() throws {
        let view = try #require(PublicIncident(Fixture.incident(.p0, publicFacing: true), components: components))
        #expect(view.updates == [PublicUpdate(sequence: 1, at: Fixture.declaredAt, status: .investigating, text: nil)])
        #expect(view.title == "Uploads failing")
        // No components named yet: the page shows what a P0 implies, a major outage, not a degraded system.
        #expect(view.impact == .major)
    }

    @Test("With no components named, an open incident's impact is its severity's", arguments: [
        (Severity.p0, ComponentImpact.major), (.p1, .partial), (.p2, .degraded), (.p3, .degraded),
    ])
    func withNoComponentsTheImpactIsTheSeveritys(severity: Severity, impact: ComponentImpact) throws {
        let view = try #require(PublicIncident(Fixture.incident(severity, publicFacing: true), components: components))
        #expect(view.impact == impact)
    }

    @Test("A view stored before the implied impact was kept decodes, and counts as degraded as before")
    func aViewStoredBeforeTheImpliedImpactDecodes() throws {
        let stored = try #require(PublicIncident(Fixture.incident(.p0, publicFacing: true), components: components))
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(stored)) as? [String: Any])
        #expect(object.removeValue(forKey: "impliedImpact") != nil)
        let old = try JSONDecoder().decode(PublicIncident.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.impliedImpact == nil)
        #expect(old.impact == .degraded)
    }

    @Test("The view follows a whole public P0: updates in order, one entry per status change, components, ETA, resolution")
    func theViewFollowsAWholePublicP0() throws {
        let incident = Fixture.incident(.p0, then: [
            .madePublic(title: "Uploads are failing"),                                                // 2
            .componentsAffected([AffectedComponent(id: "uploads", impact: .major)]),                  // 3
            .updatePosted(text: "We are looking"), .publicUpdatePosted(status: .investigating, text: "We are looking"), // 4, 5
            .statusChanged(from: .investigating, to: .identified, note: nil),                         // 6
            .etaSet(at: Fixture.at(minutes: 60)),                                                    // 7
            .statusChanged(from: .identified, to: .monitoring, note: "Raised the pool"),              // 8
            .publicUpdatePosted(status: .monitoring, text: "A fix is rolling out"),                   // 9 (a minute later: its own entry)
        ])
        let open = try #require(PublicIncident(incident, components: components))
        #expect(open.title == "Uploads are failing")
        #expect(open.components == [AffectedComponent(id: "uploads", impact: .major)])
        #expect(open.impact == .major)
        #expect(open.eta == Fixture.at(minutes: 60))
        #expect(open.updates.map(\.sequence) == [2, 5, 6, 8, 9])
        #expect(open.updates.map(\.text) == [nil, "We are looking", nil, nil, "A fix is rolling out"])
        #expect(open.updates.map(\.status) == [.investigating, .investigating, .identified, .monitoring, .monitoring])

        let resolved = incident.evolved(by: IncidentEvent(at: Fixture.at(minutes: 30), actor: Fixture.bob, change: .resolved(summary: "Pool raised from 20 to 50", forcedReason: "x")))
        let view = try #require(PublicIncident(resolved, components: components))
        #expect(view.components == [AffectedComponent(id: "uploads", impact: .operational)])
        #expect(view.impact == .operational)
        #expect(view.eta == nil)
        #expect(view.updates.last == PublicUpdate(sequence: 10, at: Fixture.at(minutes: 30), status: .resolved, text: nil))
    }

    @Test("A note given with a status change replaces that change's default text: one command, one entry")
    func aStatusNoteReplacesTheDefaultText() throws {
        let at = Fixture.at(minutes: 5)
        let incident = Fixture.incident(.p0, publicFacing: true).evolved(by: IncidentEvent(at: at, actor: Fixture.bob, change: .statusChanged(from: .investigating, to: .identified, note: "Found it")))
            .evolved(by: IncidentEvent(at: at, actor: Fixture.bob, change: .publicUpdatePosted(status: .identified, text: "Found it")))
        let view = try #require(PublicIncident(incident, components: components))
        #expect(view.updates.map(\.text) == [nil, "Found it"])
        #expect(view.updates.last?.sequence == 2)
    }

    @Test("Made private, the incident has no view; made public again, it shows what was said before")
    func privateThenPublicAgain() throws {
        let told = Fixture.incident(.p1, publicFacing: true, then: [.publicUpdatePosted(status: .investigating, text: "Looking")])
        let hidden = told.evolved(by: IncidentEvent(at: Fixture.at(minutes: 5), actor: Fixture.bob, change: .madePrivate))
        #expect(PublicIncident(hidden, components: components) == nil)
        let again = hidden.evolved(by: IncidentEvent(at: Fixture.at(minutes: 6), actor: Fixture.bob, change: .madePublic(title: nil)))
        #expect(try #require(PublicIncident(again, components: components)).updates.map(\.text) == [nil, "Looking"])
    }

    @Test("Nothing typed for the team reaches the view: notes, internal updates, scope, names, ids, the resolution summary")
    func nothingInternalReachesTheView() throws {
        let marker = "SECRET-MARKER-7f3a"
        let insider = Participant(platform: .slack, id: "U0\(marker.filter(\.isLetter))", name: "name-\(marker)")
        let incident = Fixture.incident(.p0, publicFacing: true, then: [
            .notePosted(text: "note \(marker)"), .updatePosted(text: "internal \(marker)"), .scopeSet(text: "scope \(marker)"),
            .commanderAssigned(insider), .statusChanged(from: .investigating, to: .identified, note: "status note \(marker)"),
            .causeSet(text: "cause \(marker)"), .resolved(summary: "summary \(marker)", forcedReason: "forced \(marker)"),
        ])
        let view = try #require(PublicIncident(incident, components: components))
        let encoded = String(decoding: try JSONEncoder().encode(view), as: UTF8.self)
        #expect(!encoded.contains(marker))
        #expect(!encoded.contains(insider.id))
        #expect(encoded.contains("Uploads failing"))
    }
}
