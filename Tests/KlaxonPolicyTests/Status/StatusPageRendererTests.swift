import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

@Suite("Status page rendering")
struct StatusPageRendererTests {
    static func view(_ incident: Incident) throws -> PublicIncident {
        try #require(PublicIncident(incident, components: PublicStatusPolicy.standard.components))
    }

    @Test("The shipped policy's status page is the standard one, with the playbook's components")
    func theShippedPolicysStatusPageIsTheStandardOne() throws {
        var expected = PublicStatusPolicy.standard
        expected.teamEmail = "team-email"
        expected.customers = "customers"
        #expect(try Fixture.defaultPolicy().statusPageSettings == expected)
        #expect(PublicStatusPolicy.standard.components.map(\.id) == ["web", "auth", "payments", "email", "custom-domains", "uploads", "downloads", "storage", "ocr"])
    }

    @Test("Text customers typed is escaped for HTML, and the page shows times in the policy's time zone")
    func typedTextIsEscapedAndTimesAreInThePagesZone() throws {
        var policy = try Fixture.defaultPolicy()
        policy.publicStatus = PublicStatusPolicy(name: "Acme status", timeZone: "Europe/Berlin", components: PublicStatusPolicy.standard.components)
        let renderer = try StatusPageRenderer(policy: policy, templates: .defaults, baseURL: "https://status.example.com/")
        let incident = Fixture.incident(.p0, title: "Uploads <b>failing</b>", publicFacing: true, then: [
            .publicUpdatePosted(status: .investigating, text: "Fix \"soon\" & <script>alert(1)</script>"),
        ])
        let html = renderer.frontPage([try Self.view(incident)], updatedAt: Fixture.at(minutes: 1))
        #expect(html.contains("Uploads &lt;b&gt;failing&lt;/b&gt;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
        // 14:01 UTC on 26 November is 15:01 in Berlin (the zone's abbreviation is Foundation's to choose).
        #expect(html.contains("2026-11-26 15:01 "))
        #expect(html.contains("<title>Acme status</title>"))
        #expect(html.contains("href=\"https://status.example.com/status/incidents/1\""))
    }

    @Test("An update typed on several lines keeps its lines on the page")
    func anUpdateOnSeveralLinesKeepsItsLines() throws {
        let renderer = try StatusPageRenderer(policy: try Fixture.defaultPolicy(), templates: .defaults, baseURL: "https://status.example.com/")
        let incident = Fixture.incident(.p0, title: "Uploads failing", publicFacing: true, then: [
            .publicUpdatePosted(status: .identified, text: "Uploads are failing in the EU.\n\n- Retrying is safe"),
        ])
        let html = renderer.frontPage([try Self.view(incident)], updatedAt: Fixture.at(minutes: 1))
        // The text keeps its line breaks, and the page's style shows them (HTML would run the lines together).
        #expect(html.contains("<p>Uploads are failing in the EU.\n\n- Retrying is safe</p>"))
        #expect(html.contains("ol.updates li p { white-space: pre-line; }"))
    }

    @Test("The banner and the Statuspage indicator follow the worst open impact", arguments: [
        ([], "All systems operational", "none"),
        ([AffectedComponent(id: "ocr", impact: .degraded)], "Some systems are degraded", "minor"),
        ([AffectedComponent(id: "ocr", impact: .degraded), AffectedComponent(id: "auth", impact: .partial)], "Partial outage", "major"),
        ([AffectedComponent(id: "web", impact: .major)], "Major outage", "critical"),
    ] as [([AffectedComponent], String, String)])
    func theBannerFollowsTheWorstOpenImpact(affected: [AffectedComponent], banner: String, indicator: String) throws {
        let renderer = try StatusPageRenderer(policy: try Fixture.defaultPolicy(), templates: .defaults, baseURL: "")
        let changes: [IncidentChange] = affected.isEmpty ? [] : [.componentsAffected(affected)]
        // With nothing affected the incident counts as degraded; an empty page is all operational.
        let incidents = affected.isEmpty ? [] : [try Self.view(Fixture.incident(.p2, publicFacing: true, then: changes))]
        #expect(renderer.frontPage(incidents, updatedAt: nil).contains(banner))
        let json = String(decoding: StatusSummary(incidents, facts: renderer.facts, now: Fixture.declaredAt).json(), as: UTF8.self)
        #expect(json.contains("\"indicator\":\"\(indicator)\""))
    }

    @Test("An operator's template replaces the built-in one")
    func anOperatorsTemplateReplacesTheBuiltInOne() throws {
        var templates = TemplateSet.defaults
        let custom = TemplateSet(sources: templates.sources.merging(["status-investigating": "Our team is looking into it."]) { _, new in new })
        templates = custom
        let renderer = try StatusPageRenderer(policy: try Fixture.defaultPolicy(), templates: templates, baseURL: "")
        let html = renderer.frontPage([try Self.view(Fixture.incident(.p1, publicFacing: true))], updatedAt: nil)
        #expect(html.contains("Our team is looking into it."))
        #expect(!html.contains("We are investigating reports"))
    }

    @Test("A fix time that passed without a new one reads as late once the team is asked for a new one, and as expected again once it is given")
    func aPassedFixTimeReadsAsLate() throws {
        let renderer = try StatusPageRenderer(policy: try Fixture.defaultPolicy(), templates: .defaults, baseURL: "")
        let eta = Fixture.at(minutes: 30)
        let passed = Fixture.incident(.p0, publicFacing: true, then: [.etaSet(at: eta), .timerFired(.etaPassed(eta: eta))])
        let view = try Self.view(passed)
        #expect(view.etaPassed == true)
        #expect(view.changedAt == Fixture.at(minutes: 2), "the page's caches and feed see it move")
        #expect(renderer.frontPage([view], updatedAt: view.changedAt).contains("</time>, taking longer than expected"))
        let renewed = Fixture.incident(.p0, publicFacing: true, then: [.etaSet(at: eta), .timerFired(.etaPassed(eta: eta)), .etaSet(at: Fixture.at(minutes: 90))])
        #expect(try Self.view(renewed).etaPassed == nil)
        #expect(!renderer.frontPage([try Self.view(renewed)], updatedAt: nil).contains("taking longer"))
        let stale = Fixture.incident(.p0, publicFacing: true, then: [.etaSet(at: eta), .etaSet(at: Fixture.at(minutes: 90)), .timerFired(.etaPassed(eta: eta))])
        #expect(try Self.view(stale).etaPassed == nil, "a timer for an estimate since replaced says nothing")
    }
}
