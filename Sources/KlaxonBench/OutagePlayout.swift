import Foundation
import KlaxonServer
import KlaxonCore
import KlaxonPolicy
import KlaxonSlack
import KlaxonStore
import Logging

/// Plays a P0 through a Slack outage on a simulated clock, with the real desk, scheduler logic, worker and Slack
/// transport against a loopback Slack that fails while "down": shows what was tried and delivered, and when.
public struct OutagePlayout: Sendable {
    let outageStart: TimeInterval
    let outageLength: TimeInterval

    public init(outageStart: TimeInterval = 30, outageLength: TimeInterval = 60) {
        self.outageStart = outageStart
        self.outageLength = outageLength
    }

    public func run(bundle: PolicyBundle) async throws -> [String] {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = ManualWallClock(start)
        let (from, until) = (start.addingTimeInterval(outageStart), start.addingTimeInterval(outageStart + outageLength))
        let api = try await BenchSlackAPI.start(clock: clock) { now in now >= from && now < until }
        let quiet = Logger(label: "outage", factory: { _ in SwiftLogNoOpLogHandler() })
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: quiet)
        let router = DeliveryRouter(chat: [.slack], email: false, people: bundle.people)
        let desk = IncidentDesk(store: handle.store, policy: bundle.policy, clock: clock, logger: quiet, router: router)
        let slack = try SlackTransport(
            api: SlackWebAPI(baseURL: api.baseURL, token: "xoxb-outage"), channel: "CINCIDENTS", roleIDs: [:],
            policy: bundle.policy, templates: bundle.templates
        )
        let worker = OutboxWorker(
            store: handle.store, policy: bundle.policy, transports: [slack], clock: clock, logger: quiet, wake: desk.outboxChanges,
            pacing: [.slack: 1.0]
        ) { problem in await desk.recordDeliveryProblem(problem) }
        var script: [(TimeInterval, String)] = [(0, "p0 Uploads failing for everyone"), (40, "commander me"), (60, "update Rolling back the deploy"), (75, "status identified Bad deploy")]
        let end = start.addingTimeInterval(outageStart + outageLength + 15 * 60)
        let parser = CommandParser(platform: .slack)
        while clock.now < end {
            if let (offset, text) = script.first, start.addingTimeInterval(offset) <= clock.now {
                script.removeFirst()
                let envelope = CommandEnvelope(
                    command: try parser.parse(text), actor: Participant(platform: .slack, id: "UIC", name: "ic"),
                    channel: ChannelRef(platform: .slack, id: "CINCIDENTS", name: "incidents"), requestKey: nil
                )
                _ = try await desk.handle(envelope) { _ in "" }
                continue
            }
            await desk.fireDue()
            let retry = await worker.drain()
            let candidates = [retry, await desk.nextDue(), script.first.map { start.addingTimeInterval($0.0) }, end].compactMap { $0 }
            clock.advance(to: max(candidates.min() ?? end, clock.now.addingTimeInterval(0.001)))
        }
        try await handle.close()
        await api.stop()
        return api.requests.filter { $0.method == "chat.postMessage" }.map { request in
            let offset = request.at.timeIntervalSince(start)
            let first = request.text.split(separator: "\n").first.map(String.init) ?? ""
            return String(format: "T+%02d:%04.1f  %@  %@", Int(offset) / 60, offset.truncatingRemainder(dividingBy: 60), request.status == 200 ? "delivered" : "503 retry", String(first.prefix(70)))
        }
    }
}
