import Foundation
import KlaxonCore
@testable import KlaxonPolicy
import Testing

/// A note's reply works out each incident fact when its template asks for it; any template must read as it does with
/// every fact given at once (how announcements are rendered).
@Suite("Incident facts worked out on demand")
struct IncidentFactsTests {
    /// Every fact about an incident a template can use, written here rather than taken from `IncidentFacts.names`,
    /// so a fact left out of that list shows.
    static let facts = [
        "id", "number", "title", "severity", "severityName", "headline", "status", "publicFacing", "declaredAt", "age", "commander", "declaredBy",
        "kindLabel", "cadence", "nextUpdateDue", "recoveryTarget", "scope", "lastUpdate", "resolvedAt", "duration", "summary", "alertLink",
        "statusPage", "titleSaysPublic", "previousIncident", "declaredAgo",
    ]

    /// Each fact as a variable, unescaped, in a section and in an inverted section; then the note itself.
    static let template = facts.map { "{{#\($0)}}\($0)={{\($0)}}/{{{\($0)}}};{{/\($0)}}{{^\($0)}}no \($0);{{/\($0)}}" }.joined(separator: "\n")
        + "\n{{text}} by {{{actor}}} at {{time}}"

    static let incidents: [Incident] = [
        Fixture.incident(.p0, title: "Uploads <failing> & \"slow\"", publicFacing: true, then: [
            .commanderAssigned(Fixture.bob), .scopeSet(text: "EU customers"), .updatePosted(text: "Rolling back"), .notePosted(text: "Checked the dashboards"),
        ]),
        Fixture.incident(.p2, title: "Search slow", then: [.resolved(summary: "Index rebuilt", forcedReason: nil), .notePosted(text: "For the review")]),
        Fixture.incident(.p3, title: "Typo on the pricing page", kind: .security, then: [.notePosted(text: "")]),
        Fixture.incident(.p1, title: "Billing emails late", kind: .billing, publicFacing: true, then: [.notePosted(text: "Queue drained")]),
    ]

    @Test("A note's reply reads as its template does with every fact given at once", arguments: incidents)
    func aNotesReplyReadsAsWithEveryFactGivenAtOnce(incident: Incident) throws {
        let policy = try Fixture.defaultPolicy()
        let templates = TemplateSet(sources: DefaultTemplates.all.merging(["note-recorded": Self.template]) { _, new in new })
        let renderer = try MessageRenderer(policy: policy, templates: templates, dialect: TestDialect())
        let note = try #require(incident.timeline.last)
        let now = Fixture.at(minutes: 47)
        let reply = ReplyComposer(renderer: renderer).reply(to: .recorded(incident, events: [note], notices: []), now: now)
        let facts = MessageFacts(policy: policy, dialect: TestDialect())
        let allAtOnce = renderer.render(.noteRecorded, facts.incident(incident, now: now).merging(facts.event(note, in: incident)) { _, new in new })
        #expect(reply.text == allAtOnce)
        #expect(reply.visibility == .sender)
        // The facts are really there: not every one is missing, and the incident's number and the note are.
        #expect(reply.text.contains("id=#1/#1;"))
        #expect(reply.text.components(separatedBy: "no ").count < Self.facts.count)
    }

    @Test("An announcement reads as its template does with every fact given at once", arguments: incidents)
    func anAnnouncementReadsAsWithEveryFactGivenAtOnce(incident: Incident) throws {
        let policy = try Fixture.defaultPolicy()
        let announcement = Self.template + "\n{{#ping}}{{{ping}}}{{/ping}} {{{roles}}} {{{responsible}}} {{#prompts}}{{.}},{{/prompts}}"
        let templates = TemplateSet(sources: DefaultTemplates.all.merging(["initial-alert": announcement, "escalation": announcement]) { _, new in new })
        let renderer = try MessageRenderer(policy: policy, templates: templates, dialect: TestDialect())
        let facts = MessageFacts(policy: policy, dialect: TestDialect())
        let channel = Destination.incidentChannel(incident.channel)
        let notices = [
            Notice(kind: .initialAlert, incident: incident.id, sequence: 1, destination: channel, audience: [.channel]),
            Notice(kind: .escalation, incident: incident.id, sequence: incident.version, destination: channel, audience: [.role("cto"), .person(Fixture.bob)],
                   prompts: ["Page the database on-call", "Then verify"], rule: "p0-cto", offer: .update30Minutes),
        ]
        for notice in notices {
            let lazily = ReplyComposer(renderer: renderer).text(of: notice, incident: incident, now: Fixture.at(minutes: 47))
            #expect(lazily == renderer.render(notice, facts.notice(notice, incident: incident, now: Fixture.at(minutes: 47))))
            #expect(lazily.contains("id=#1/#1;"))
        }
    }
}
