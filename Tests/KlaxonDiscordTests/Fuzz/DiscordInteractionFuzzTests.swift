import Foundation
import KlaxonCore
import KlaxonDiscord
import KlaxonFuzzSupport
import KlaxonPolicy
import PropertyBased
import Testing

/// Mutated interaction bodies, seeded from Discord's documented payloads: each decodes into something whose answer
/// lets Discord notify no one beyond the policy's own `@everyone` on an alert, or is refused with a typed error.
@Suite struct DiscordInteractionFuzzTests {
    typealias P = DiscordPayloads

    static let seeds = [
        P.interaction(type: 1, data: nil),
        P.command("declare", [P.string("severity", "p0"), P.string("title", "Uploads failing"), P.bool("public", true)]),
        P.command("update", [P.string("text", "Investigating <!here> @everyone"), P.number("incident", "3")]),
        P.command("commander", [P.userOption("user", "53908232506183680")], resolved: P.resolvedBob),
        P.command("resolve", [P.string("summary", "fixed"), P.string("force", "tested"), P.string("incident", "#2")]),
        P.command("update", [P.string("incident", "#", focused: true)], type: 4),
        P.command("note", [P.number("incident", "1e+20"), P.string("text", "x")]),
        P.component("incident:status:1", componentType: 3, values: ["identified"]),
        P.component("incident:commander:1"),
        P.modal("incident:update:1", text: "Rolled back @here", labelled: true),
    ]

    /// A well-formed `/incident` interaction with random options holding hostile text.
    static func hostileCommand(_ mutator: inout Mutator) -> String {
        let options = (0..<mutator.below(4)).map { _ in
            P.string(mutator.pick(CommandCatalogue.all.flatMap { $0.options.map(\.name) }), mutator.text(from: mutator.pick(["Uploads failing", "#1", "p0", "identified"])))
        }
        return P.command(mutator.pick(CommandCatalogue.all.map(\.name)), options)
    }

    @Test func mutatedInteractionsDecodeIntoSafeAnswersOrAreRefusedByType() async throws {
        let policy = try PolicyLoader().loadDefault(templates: .defaults)
        let responder = DiscordResponder(renderer: try MessageRenderer(policy: policy, templates: .defaults, dialect: DiscordDialect()))
        let decider = IncidentDecider(policy: policy)
        let announcer = Announcer(policy: policy)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        await propertyCheck(count: 1000, input: Gen.uint64(in: 0...UInt64.max), Gen<String?>.element(of: Self.seeds)) { seed, body in
            var mutator = Mutator(seed: seed)
            // Half the cases mutate bytes (mostly no longer JSON); half keep the JSON and put hostile text in the options.
            let bytes = mutator.below(2) == 0 ? mutator.mutate(Array((body ?? "").utf8), rounds: 6) : Array(Self.hostileCommand(&mutator).utf8)
            let sent = String(decoding: bytes, as: UTF8.self)
            let interaction: DiscordInteraction
            do throws(DiscordDecodingError) {
                interaction = try DiscordInteraction(json: bytes)
            } catch {
                #expect(!error.reason.isEmpty)
                return
            }
            var answers: [(DiscordInteractionResponse, allowed: Bool)] = []
            switch interaction {
            case .ping, .openForm:
                return
            case .autocomplete(let query):
                _ = responder.suggestions(for: query, openIncidents: [])
                return
            case .refused(let rejection):
                answers.append((responder.refusal(rejection, now: now), false))
            case .command(let command):
                let existing = Incident(id: IncidentID(1), events: [IncidentEvent(
                    at: now, actor: Participant(platform: .discord, id: "80351110224678912", name: "nelly"),
                    change: .declared(Declaration(severity: .p1, title: "Uploads failing", kind: .general, publicFacing: false, channel: command.channel))
                )])!
                let before: Incident? = if case .declare = command.command { nil } else { existing }
                do throws(CommandRejection) {
                    let events = try decider.decide(command.command, on: before, by: command.actor, in: command.channel, at: now)
                    guard let after = before.map({ events.reduce($0) { $0.evolved(by: $1) } }) ?? Incident(id: IncidentID(1), events: events) else { return }
                    let version = before?.version ?? 0
                    let notices = events.enumerated().flatMap { announcer.notices(for: $1, sequence: version + $0 + 1, incident: after) }
                    let everyone = notices.contains { $0.audience.contains(.channel) }
                    answers.append((responder.response(to: .recorded(after, events: events, notices: notices), now: now), everyone))
                    answers.append((responder.response(to: .timeline(after), now: now), false))
                    answers.append((responder.response(to: .list([after], total: 1), now: now), false))
                } catch {
                    answers.append((responder.refusal(error, now: now), false))
                }
            }
            for (answer, everyoneAllowed) in answers {
                guard case .message(let message)? = answer.data else { continue }
                #expect(everyoneAllowed || message.allowedMentions.parse.isEmpty, "\(message.content)")
                // No roles are configured, so none may be notified; users only by ids the request itself carried.
                #expect(message.allowedMentions.roles.isEmpty, "\(message.content)")
                #expect(message.allowedMentions.users.allSatisfy { sent.contains($0) }, "\(message.content)")
                #expect(message.content.utf16.count <= DiscordMessage.maxLength)
            }
        }
    }
}
