import Foundation
import KlaxonCore
@testable import KlaxonPolicy
import Testing

/// A text fact handed to swift-mustache as `FactText` reads exactly as the same `String` would, in every place a
/// template can use it.
@Suite("Text facts")
struct FactTextTests {
    static let templates = [
        "{{v}}", "{{{v}}}", "[{{#v}}yes {{v}} {{.}} {{{.}}}{{/v}}]", "[{{^v}}absent{{/v}}]", "{{#v}}{{other}}{{/v}}",
        "{{uppercased(v)}} {{lowercased(v)}} {{capitalized(v)}} {{reversed(v)}}", "{{#empty(v)}}empty{{/empty(v)}}{{^empty(v)}}not empty{{/empty(v)}}",
        "{{#v}}{{#v}}{{v}}{{/v}}{{/v}}", "{{v.count}}|{{#v}}{{count}}{{/v}}",
    ]

    @Test("A template reads the same with the text as FactText as with the plain string", arguments: templates, ["Uploads <failing> & \"slow\"", "", "ünïcode 🔥", "a"])
    func aTemplateReadsTheSame(template: String, text: String) throws {
        var sources = DefaultTemplates.all
        sources["error"] = template
        let renderer = try MessageRenderer(policy: try Fixture.defaultPolicy(), templates: TemplateSet(sources: sources), dialect: TestDialect())
        let plain = renderer.render(.error, ["v": text, "other": "outer"])
        #expect(renderer.render(.error, ["v": FactText(text: text), "other": "outer"]) == plain)
    }

    @Test("The incident's text facts reach templates as FactText, and their values as strings")
    func theIncidentsTextFactsAreFactText() throws {
        let facts = IncidentFacts(facts: MessageFacts(policy: try Fixture.defaultPolicy(), dialect: TestDialect()), incident: Fixture.incident(.p1, title: "Queue stuck"), now: Fixture.at(minutes: 5))
        #expect((facts.child(named: "title") as? FactText)?.text == "Queue stuck")
        #expect(facts.value(named: "title") as? String == "Queue stuck")
        #expect(facts.child(named: "number") as? Int == 1, "other values go as they are")
    }
}
