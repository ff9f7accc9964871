import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import SQLiteKit
import Synchronization

/// A desk over a real store with a manual clock, recording every notice with the minute it was sent.
final class DeskHarness: Sendable {
    struct Sent: Equatable, CustomStringConvertible {
        let minute: Int
        let kind: MessageKind
        let rule: String?
        let offer: MessageKind?
        let audience: [Audience]
        let destination: Destination

        var description: String { "\(minute) \(kind.rawValue) \(rule ?? "") \(offer?.rawValue ?? "")" }
    }

    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let channel = ChannelRef(platform: .slack, id: "C0INC", name: "incidents")

    let clock: ManualWallClock
    let desk: IncidentDesk
    let handle: StoreHandle
    private let sent: Recorder

    init(
        directory: String? = nil, clock: ManualWallClock = ManualWallClock(DeskHarness.start), router: DeliveryRouter = .console,
        bundle: PolicyBundle? = nil, interpose: (any IncidentStore) -> any IncidentStore = { $0 }
    ) async throws {
        let bundle = try bundle ?? PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let handle = try await SQLiteIncidentStore.open(directory: directory, logger: quiet)
        let sent = Recorder()
        self.sent = sent
        self.clock = clock
        self.handle = handle
        self.desk = IncidentDesk(store: interpose(handle.store), policy: bundle.policy, clock: clock, logger: quiet, router: router) { _, notices in
            let minute = Int(clock.now.timeIntervalSince(DeskHarness.start)) / 60
            sent.append(notices.map { Sent(minute: minute, kind: $0.kind, rule: $0.rule, offer: $0.offer, audience: $0.audience, destination: $0.destination) })
        }
        try await desk.prepare()
    }

    /// Two desks over one database file with one clock, as two replicas would be; `body` gets both, and the file
    /// is removed afterwards.
    static func replicas(_ body: (DeskHarness, DeskHarness) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "klaxon-replicas-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualWallClock(start)
        let a = try await DeskHarness(directory: directory, clock: clock)
        let b = try await DeskHarness(directory: directory, clock: clock)
        try await body(a, b)
        try await a.close()
        try await b.close()
    }

    /// Sends a command as typed in Slack, at the clock's current time; a refusal fails the test.
    @discardableResult
    func say(
        _ text: String, as user: String = "UANN", named name: String? = nil, in channel: ChannelRef = DeskHarness.channel, at minute: Double? = nil
    ) async throws -> String {
        let reply = try await reply(text, as: user, named: name, at: minute, in: channel)
        guard reply == "ok" else { throw TestFailure("\(text): \(reply)") }
        return reply
    }

    /// Sends a command and returns "ok", or "rejected: " and the refusal's message.
    func reply(
        _ text: String, as user: String = "UANN", named name: String? = nil, at minute: Double? = nil, in channel: ChannelRef = DeskHarness.channel,
        requestKey: String? = nil
    ) async throws -> String {
        if let minute { clock.advance(to: Self.start.addingTimeInterval(minute * 60)) }
        let envelope = CommandEnvelope(
            command: try CommandParser(platform: .slack).parse(text), actor: Participant(platform: channel.platform, id: user, name: name),
            channel: channel, requestKey: requestKey
        )
        return try await desk.handle(envelope) { outcome in
            if case .rejected(let rejection) = outcome { return "rejected: \(rejection.message)" }
            return "ok"
        }
    }

    /// Moves the clock to `minute`, firing everything due on the way, each at its due time.
    func run(until minute: Double) async {
        let end = Self.start.addingTimeInterval(minute * 60)
        while let next = await desk.nextDue(), next <= end {
            clock.advance(to: next)
            await desk.fireDue()
        }
        clock.advance(to: end)
    }

    /// Everything sent so far, or since a minute.
    func messages(from minute: Int = 0) -> [Sent] {
        sent.all.filter { $0.minute >= minute }
    }

    func close() async throws {
        try await handle.close()
    }

    /// A store in `directory` with a P1 (#1) and a P2 (#2) declared, #1's events then overwritten with what no
    /// longer decodes, as a damaged disk or a hand edit would leave them. The clock the two were declared on.
    static func storeWithDamagedIncident(in directory: String) async throws -> ManualWallClock {
        let first = try await DeskHarness(directory: directory)
        try await first.say("p1 Payments failing", at: 0)
        try await first.say("p2 OCR slow", at: 1)
        try await first.close()
        let connection = try await SQLiteConnection.open(storage: .file(path: directory + "/" + SQLiteIncidentStore.fileName))
        _ = try await connection.query("UPDATE incident_events SET event = 'garbage' WHERE incident_id = 1")
        try await connection.close()
        return first.clock
    }
}

extension DeskHarness {
    /// A desk over `directory` as a restarted server opens it, nothing cached, counting the incidents it reads whole.
    static func restarted(in directory: String) async throws -> (DeskHarness, WholeReads) {
        let reads = WholeReads()
        let h = try await DeskHarness(directory: directory) { store in
            var interposed = InterposedStore(base: store, beforeCommit: { _ in })
            interposed.wholeRead = { _ in reads.count() }
            return interposed
        }
        return (h, reads)
    }
}

/// How many incidents a desk read whole from their events.
final class WholeReads: Sendable {
    private let counted = Mutex(0)

    func count() { counted.withLock { $0 += 1 } }
    var total: Int { counted.withLock { $0 } }
    func reset() { counted.withLock { $0 = 0 } }
}

/// A thread-safe list of what was sent.
final class Recorder: Sendable {
    private let items = Mutex<[DeskHarness.Sent]>([])

    func append(_ new: [DeskHarness.Sent]) {
        items.withLock { $0 += new }
    }

    var all: [DeskHarness.Sent] { items.withLock { $0 } }
}
