import Foundation
import KlaxonCore
@testable import KlaxonServer
import Testing

/// Titles are compared by bytes when ASCII and by Characters otherwise; both must read a title alike.
@Suite struct RecentDeclarationsTests {
    @Test("A title compares the same by bytes as by Characters", arguments: [
        ("Uploads failing", "uploads failing"), ("  UPLOADS\t failing!! ", "uploads failing"), ("\"Uploads failing?\"", "uploads failing"),
        ("'uploads failing.'", "uploads failing"), ("Uploads failing .", "uploads failing "), ("DB: 50% errors (eu-1)", "db: 50% errors (eu-1)"),
        ("!!!", ""), ("", ""),
    ])
    func aTitleComparesTheSameByBytesAsByCharacters(title: String, expected: String) {
        #expect(RecentDeclarations.comparable(title) == expected)
        #expect(RecentDeclarations.comparableText(title) == expected)
    }

    @Test("Smart quotes, an ellipsis and non-ASCII letters are read by Characters", arguments: [
        ("“Uploads failing”", "uploads failing"), ("Uploads failing…", "uploads failing"), ("ÉCHEC des envois", "échec des envois"),
    ])
    func nonASCIITitlesAreReadByCharacters(title: String, expected: String) {
        #expect(RecentDeclarations.comparable(title) == expected)
    }

    @Test("Typographic apostrophes, quotes and dashes read as their ASCII forms, as another device types them", arguments: [
        ("Users can’t log in", "Users can't log in"), ("Payments down — EU", "Payments down -- EU"), ("Payments down – EU", "Payments down - EU"),
        ("The “login” page", "The \"login\" page"),
    ])
    func typographicPunctuationReadsAsASCII(typed: String, other: String) {
        #expect(RecentDeclarations.comparable(typed) == RecentDeclarations.comparable(other))
    }

    @Test("A declaration is remembered for ten minutes, and only the newest thousand are")
    func aDeclarationIsRememberedForTenMinutes() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let channel = ChannelRef(platform: .slack, id: "C0INC", name: "incidents")
        func incident(_ number: Int, _ title: String, at offset: TimeInterval) throws -> Incident {
            let declaration = Declaration(severity: .p1, title: title, kind: .general, publicFacing: false, channel: channel)
            return try #require(Incident(id: IncidentID(number), events: [IncidentEvent(at: start.addingTimeInterval(offset), actor: nil, change: .declared(declaration))]))
        }
        var recent = RecentDeclarations()
        recent.note(try incident(1, "Uploads failing", at: 0))
        #expect(recent.earlier(.init("uploads failing", kind: .general, channel: channel), now: start.addingTimeInterval(599)) == IncidentID(1))
        #expect(recent.earlier(.init("uploads failing", kind: .general, channel: channel), now: start.addingTimeInterval(601)) == nil)
        for number in 2...1_002 { recent.note(try incident(number, "Burst \(number)", at: 700)) }
        #expect(recent.earlier(.init("Burst 2", kind: .general, channel: channel), now: start.addingTimeInterval(701)) == nil, "pushed out by a thousand newer")
        #expect(recent.earlier(.init("Burst 3", kind: .general, channel: channel), now: start.addingTimeInterval(701)) == IncidentID(3))
    }
}
