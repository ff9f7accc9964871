import Foundation
import KlaxonCore
@testable import KlaxonStore
import Testing

/// The directly written JSON of notices and events is held to `JSONEncoder`'s, byte for byte, and reads back as the
/// value it was written from.
@Suite struct StoreJSONTests {
    typealias F = StoreFixtures

    /// Text that needs every kind of escape `JSONEncoder` makes, and text that needs none.
    static let texts = [
        "Checked the dashboards: error rate 4%", "", #"She said "restart" \ then"#, "https://status.example.com/incidents/7",
        "line one\nline two\r\n\ttabbed", "bell \u{07} escape \u{1B} unit \u{1F} delete \u{7F}", "café ✓ 🔥 日本語 \u{2028} end",
        "back\u{08}space form\u{0C}feed",
    ]
    static let bob = Participant(platform: .discord, id: "81234567890", name: nil)

    static let notices: [Notice] = {
        var notices = [
            Notice(kind: .initialAlert, incident: IncidentID(1), sequence: 1, destination: .incidentChannel(F.channel), audience: [.channel]),
            Notice(kind: .updatePosted, incident: IncidentID(7), sequence: 42, destination: .incidentChannel(ChannelRef(platform: .discord, id: "99"))),
            Notice(kind: .escalation, incident: IncidentID(3), sequence: 2, destination: .role("cto"), audience: [.role("cto"), .person(F.ann), .person(bob)],
                   prompts: ["Page the database on-call", "Then \"verify\""], rule: "p0-cto", offer: .updatePosted, avoiding: .slack),
            Notice(kind: .customerEmail, incident: IncidentID(12), sequence: 9, destination: .email("customers")),
            Notice(kind: .initialAlert, incident: IncidentID(5), sequence: 1, destination: .tracker),
            Notice(kind: .initialAlert, incident: IncidentID(6), sequence: 3, destination: .statuspage),
            Notice(kind: .alertProposed, incident: IncidentID(0), sequence: 1, destination: .incidentChannel(F.channel), proposal: AlertProposalID(4)),
        ]
        var told = Notice(kind: .updatePosted, incident: IncidentID(8), sequence: 4, destination: .incidentChannel(F.channel))
        told.toCustomers = true
        notices.append(told)
        notices += texts.map { Notice(kind: .escalation, incident: IncidentID(2), sequence: 1, destination: .role($0), prompts: [$0, $0], rule: $0) }
        return notices
    }()

    static let dates: [Date] = [
        F.start, Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSinceReferenceDate: 817_669_859.3249391),
        Date(timeIntervalSinceReferenceDate: -86_400.5), Date(timeIntervalSinceReferenceDate: 0.000001), Date(timeIntervalSinceReferenceDate: 1e17),
        Date(timeIntervalSinceReferenceDate: 817_669_859.1), Date(timeIntervalSince1970: 1_800_000_000.123456),
    ] + (1...200).map { step in Date(timeIntervalSinceReferenceDate: 817_669_859 + Double(step) / 997 + Double(step * step) * 3.7) }

    static let events: [IncidentEvent] = {
        var events: [IncidentEvent] = []
        for (index, date) in dates.enumerated() {
            let text = texts[index % texts.count]
            let actor: Participant? = [F.ann, bob, nil][index % 3]
            events.append(IncidentEvent(at: date, actor: actor, change: .notePosted(text: text)))
            events.append(IncidentEvent(at: date, actor: actor, change: .updatePosted(text: text)))
        }
        for severity in Severity.allCases {
            for kind in IncidentKind.allCases {
                for (index, channel) in [F.channel, ChannelRef(platform: .mattermost, id: "town-square")].enumerated() {
                    let declaration = Declaration(severity: severity, title: texts[index + 2], kind: kind, publicFacing: index == 0, channel: channel)
                    events.append(IncidentEvent(at: F.start, actor: index == 0 ? F.ann : nil, change: .declared(declaration)))
                }
            }
        }
        return events
    }()

    static func encoder(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test(arguments: notices) func aNoticeIsWrittenAsJSONEncoderWritesIt(notice: Notice) throws {
        let written = StoreJSON.notice(notice)
        #expect(written == (try Self.encoder(notice)))
        #expect(try JSONDecoder().decode(Notice.self, from: Data(written.utf8)) == notice)
    }

    @Test func anEventOfTheKindsWrittenDirectlyIsWrittenAsJSONEncoderWritesIt() throws {
        for event in Self.events {
            let written = try #require(StoreJSON.event(event), "\(event.change.name)")
            #expect(written == (try Self.encoder(event)))
            let read = try JSONDecoder().decode(IncidentEvent.self, from: Data(written.utf8))
            #expect(read == event)
            #expect(read.actor?.name == event.actor?.name)
        }
    }

    @Test func otherEventsAreLeftToJSONEncoder() throws {
        let origin = AlertOrigin(source: .alertmanager, key: AlertGroupKey("{}:{alertname=\"Disk\"}"), firing: [], link: nil)
        let fromAlerts = Declaration(severity: .p2, title: "Disk filling", channel: F.channel, alerts: origin)
        for change in [IncidentChange.declared(fromAlerts), .madePrivate, .scopeSet(text: "EU only"), .commanderAssigned(F.ann)] {
            let event = IncidentEvent(at: F.start, actor: F.ann, change: change)
            #expect(StoreJSON.event(event) == nil)
            #expect(try StoreCoding.encode(event) == (try Self.encoder(event)))
        }
    }

    @Test func anEventAtNoTimeIsRefusedAsJSONEncoderRefusesIt() {
        for at in [Double.nan, .infinity, -.infinity] {
            let event = IncidentEvent(at: Date(timeIntervalSinceReferenceDate: at), actor: nil, change: .notePosted(text: "x"))
            #expect(StoreJSON.event(event) == nil)
            #expect(throws: EncodingError.self) { try StoreCoding.encode(event) }
        }
    }

    /// A field added to one of these types must be written by `StoreJSON` too: this counts them.
    @Test func theTypesWrittenDirectlyHaveTheFieldsStoreJSONWrites() {
        let notice = Self.notices[2]
        #expect(Mirror(reflecting: notice).children.map(\.label) == [
            "kind", "incident", "sequence", "destination", "audience", "prompts", "rule", "offer", "avoiding", "proposal", "toCustomers",
        ])
        #expect(Mirror(reflecting: Self.events[0]).children.map(\.label) == ["at", "actor", "change"])
        #expect(Mirror(reflecting: F.ann).children.map(\.label) == ["platform", "id", "name"])
        #expect(Mirror(reflecting: F.channel).children.map(\.label) == ["platform", "id", "name"])
        #expect(Mirror(reflecting: Declaration(severity: .p1, title: "x", channel: F.channel)).children.map(\.label) == [
            "severity", "title", "kind", "publicFacing", "channel", "alerts",
        ])
    }
}
