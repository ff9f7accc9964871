import Foundation
import KlaxonCore
import KlaxonPolicy
import KlaxonStore
import Logging
import Synchronization

/// `klaxon policy simulate`: plays an incident through the real desk and timekeeper on a simulated clock,
/// and lists every message the policy would send, in time order.
public struct PolicySimulator: Sendable {
    /// The incident to simulate.
    public struct Scenario: Sendable {
        public var severity: Severity
        public var kind: IncidentKind
        public var publicFacing: Bool
        public var commanderAfter: PolicyDuration?
        public var resolveAfter: PolicyDuration?
        /// How long to run; defaults to two hours, plus a day after resolution for the review reminders.
        public var duration: PolicyDuration?

        public init(severity: Severity, kind: IncidentKind = .general, publicFacing: Bool = false, commanderAfter: PolicyDuration? = nil, resolveAfter: PolicyDuration? = nil, duration: PolicyDuration? = nil) {
            self.severity = severity
            self.kind = kind
            self.publicFacing = publicFacing
            self.commanderAfter = commanderAfter
            self.resolveAfter = resolveAfter
            self.duration = duration
        }

        var horizon: Int {
            duration?.seconds ?? (resolveAfter.map { $0.seconds + 86_400 } ?? 7200)
        }
    }

    /// One message: when, where, whom it pings, and its first line.
    public struct Line: Sendable, Equatable, CustomStringConvertible {
        public let offset: Int
        public let destination: String
        public let pinged: [String]
        public let firstLine: String

        public var description: String {
            let time = String(format: "T+%02d:%02d", offset / 3600, offset % 3600 / 60)
            let who = pinged.isEmpty ? "-" : pinged.joined(separator: " ")
            return "\(time)  \(destination)  \(who)  \(firstLine)"
        }
    }

    let bundle: PolicyBundle
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    public init(bundle: PolicyBundle) {
        self.bundle = bundle
    }

    public func run(_ scenario: Scenario) async throws -> [Line] {
        let clock = ManualWallClock(Self.start)
        let quiet = Logger(label: "simulate", factory: { _ in SwiftLogNoOpLogHandler() })
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: quiet)
        let texts = try NoticeRenderer(policy: bundle.policy, templates: bundle.templates, dialect: PlainTextDialect())
        let lines = Mutex<[Line]>([])
        let desk = IncidentDesk(store: handle.store, policy: bundle.policy, clock: clock, logger: quiet) { incident, notices in
            let offset = Int(clock.now.timeIntervalSince(Self.start))
            // Statuspage's notices copy the status page: no one reads them as messages.
            let rendered = notices.filter { ![.checklistChecked, .checklistUnchecked].contains($0.kind) && $0.destination != .statuspage }.map { notice in
                let text = texts.text(notice, incident: incident, now: clock.now)
                return Line(
                    offset: offset, destination: Self.label(notice.destination), pinged: notice.audience.map(Self.label),
                    firstLine: String(text.split(separator: "\n").first ?? "")
                )
            }
            lines.withLock { $0.append(contentsOf: rendered) }
        }
        try await play(scenario, desk: desk, clock: clock)
        try await handle.close()
        return lines.withLock { $0 }
    }

    private func play(_ scenario: Scenario, desk: IncidentDesk, clock: ManualWallClock) async throws {
        let end = Self.start.addingTimeInterval(TimeInterval(scenario.horizon))
        var script: [(Date, String, String)] = []
        let flags = (scenario.kind == .general ? "" : " kind:\(scenario.kind.rawValue)") + (scenario.publicFacing ? " --public" : "")
        script.append((Self.start, "\(scenario.severity.rawValue) Simulated incident\(flags)", "declarer"))
        if let after = scenario.commanderAfter { script.append((at(after), "commander me", "commander")) }
        if let after = scenario.resolveAfter {
            // Items that wait for an event are not ticked by hand (they would be refused).
            for item in bundle.policy.checklists.resolution.items
            where bundle.policy.checklists.resolution.severities.contains(scenario.severity) && item.trigger == nil {
                script.append((at(after), "check \(item.id)", "commander"))
            }
            script.append((at(after), "resolve Simulated fix", "commander"))
        }
        // In time order (a resolution may come before the commander), keeping the order of commands at one time.
        script = script.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        let parser = CommandParser(platform: .simulation)
        while true {
            let nextTimer = await desk.nextDue()
            let nextCommand = script.first?.0
            guard let next = [nextTimer, nextCommand].compactMap({ $0 }).min(), next <= end else { return }
            clock.advance(to: next)
            if let (time, text, who) = script.first, time <= clock.now {
                script.removeFirst()
                let envelope = CommandEnvelope(
                    command: try parser.parse(text), actor: Participant(platform: .simulation, id: who, name: who),
                    channel: ChannelRef(platform: .simulation, id: "incidents", name: "incidents"), requestKey: nil
                )
                _ = try await desk.handle(envelope) { _ in "" }
            } else {
                await desk.fireDue()
            }
        }
    }

    private func at(_ duration: PolicyDuration) -> Date {
        Self.start.addingTimeInterval(TimeInterval(duration.seconds))
    }

    private static func label(_ destination: Destination) -> String {
        switch destination {
        case .incidentChannel(let channel): "#\(channel.name ?? channel.id)"
        case .role(let role): "dm:\(role)"
        case .email(let role): "email:\(role)"
        case .tracker: "tracker"
        case .statuspage: "statuspage"
        }
    }

    private static func label(_ audience: Audience) -> String {
        switch audience {
        case .channel: "@channel"
        case .role(let role): "@\(role)"
        case .person(let person): "@\(person.name ?? person.id)"
        }
    }
}
