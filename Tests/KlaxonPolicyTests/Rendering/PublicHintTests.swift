import Foundation
import KlaxonCore
import KlaxonPolicy
import Testing

/// `public` ending a title is a word of it, not the flag: the announcement says the incident stayed off the page.
@Suite("The hint for a title ending in 'public'")
struct PublicHintTests {
    let composer: ReplyComposer
    static let hint = "Not on the status page: `/incident public #1 <title for customers>` puts it there (or `--public` when declaring)."

    init() throws {
        let policy = try Fixture.defaultPolicy()
        composer = ReplyComposer(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: TestDialect()))
    }

    /// The declaration's announcement, as the outbox posts it.
    func declaration(_ title: String, publicFacing: Bool = false) -> String {
        let incident = Fixture.incident(.p1, title: title, publicFacing: publicFacing)
        let notice = Notice(kind: .initialAlert, incident: incident.id, sequence: 1, destination: .incidentChannel(incident.channel))
        return composer.text(of: notice, incident: incident, now: Fixture.at(minutes: 1))
    }

    @Test("A declaration whose title ends in 'public' says it is not on the status page and how to put it there", arguments: [
        ("Storage bucket made public", false, true), ("Admin panel User-Facing", false, true), ("Search down -public", false, true),
        ("Search down \u{2014}-public", false, true),
        ("Public bucket listing", false, false), ("Bucket made public", true, false),
    ])
    func aTitleEndingInPublicSaysItIsNotOnTheStatusPage(title: String, publicFacing: Bool, hinted: Bool) {
        let text = declaration(title, publicFacing: publicFacing)
        #expect(text.hasSuffix("\n" + Self.hint) == hinted, "\(text)")
    }
}
