import Foundation
import HTTPTypes
import Hummingbird
import KlaxonCore
import KlaxonStore
import KlaxonDiscord
import Logging

/// `POST /discord/interactions`: verify the signature before anything else, decode, answer within Discord's 3 seconds.
///
/// Answers come at once (type 4, 8 or 9) when the desk commits in time; if a command takes longer than `deferAfter`
/// (a slow disk, a busy database), Discord gets "thinking…" (type 5) and the answer follows through the webhook.
struct DiscordInteractionController: ChatEndpoint {
    let desk: IncidentDesk
    let verifier: DiscordSignatureVerifier
    let responder: DiscordResponder
    let clock: any WallClock
    /// With a Discord bot token, announcements reach the channel through the outbox; the interaction's answer is then
    /// shown to its author only, so the channel doesn't see everything twice.
    var announcesElsewhere = false
    /// Where deferred answers are edited in, and how long to wait before deferring; `nil` never defers.
    var followUp: DiscordFollowUp?
    /// Where work that outlives its request runs (a deferred command, its follow-up).
    let background: BackgroundWork

    /// Verifies, decodes and answers one interaction.
    func handle(_ request: Request, logger: Logger) async throws -> Response {
        let bytes = try await body(of: request).readableBytesView
        do throws(DiscordSignatureVerifier.Failure) {
            try verifier.verify(
                body: bytes, timestamp: request.headers.value(.discordTimestamp), signature: request.headers.value(.discordSignature), now: clock.now
            )
        } catch {
            logger.notice("Refused a Discord interaction", metadata: ["chat.platform": "\(Platform.discord)", "reason": "\(error.reason)"])
            throw HTTPError(.unauthorized, message: error.reason)
        }
        let interaction: DiscordInteraction
        do throws(DiscordDecodingError) {
            interaction = try DiscordInteraction(json: bytes)
        } catch {
            throw HTTPError(.badRequest, message: error.reason)
        }
        return try await answer(interaction)
    }

    private func answer(_ interaction: DiscordInteraction) async throws -> Response {
        let now = clock.now
        switch interaction {
        case .ping:
            return json(Self.encode(.pong))
        case .refused(let rejection):
            // Not understood (a malformed option): its command is not known for certain.
            desk.metrics.command(platform: .discord, command: "unknown", outcome: .rejected)
            return json(Self.encode(responder.refusal(rejection, now: now)))
        case .openForm(let form):
            let limited = form.limitingTexts(to: responder.renderer.policy.textLimits.text)
            return json(Self.encode(DiscordInteractionResponse(.modal, .modal(limited))))
        case .autocomplete(let query):
            // Resolved incidents only where the command acts on them (a review, a reopening), the latest 25 of them.
            let resolved = CommandCatalogue.actOnResolved.contains(query.command) && query.suggestions == .incidents
                ? try await desk.newestIncidents(IncidentQuery(.resolved), count: 25) { _ in true } : []
            let digits = String(query.typed.trimmingCharacters(in: .whitespaces).drop { $0 == "#" })
            let typed: IncidentID? = Int(digits).map { IncidentID($0) }
            let open = try await desk.openForPicker(typedNumber: typed)
            return json(Self.encode(responder.suggestions(for: query, openIncidents: open, resolved: resolved)))
        case .command(let command):
            // A refusal known before the desk is asked is answered at once, privately.
            do throws(CommandRejection) {
                try responder.renderer.policy.textLimits.check(command.command)
            } catch {
                desk.metrics.command(platform: .discord, command: command.command.name, outcome: .rejected)
                return json(Self.encode(responder.refusal(error, now: now)))
            }
            let envelope = CommandEnvelope(
                command: command.command, actor: command.actor, channel: command.channel, requestKey: "discord:\(command.interactionID)",
                thread: command.thread
            )
            let responder = self.responder
            let privately = announcesElsewhere
            let desk = self.desk
            let handling: @Sendable () async throws -> String = {
                try await desk.handle(envelope) { outcome in
                    Self.encode(privately ? responder.privateResponse(to: outcome, now: now) : responder.response(to: outcome, now: now))
                }
            }
            do {
                guard let followUp, let token = command.token, let application = command.applicationID else {
                    // No webhook to post the rest of a long answer to (never so from Discord itself): its first part.
                    return json(DiscordFollowUp.parts(of: try await handling()).response)
                }
                switch try await Deadline.answer(within: followUp.deferAfter, clock: clock, background: background, work: handling) {
                case .ready(let answer):
                    let (response, rest) = DiscordFollowUp.parts(of: answer)
                    if !rest.isEmpty {
                        let job: BackgroundWork.Job = { await followUp.post(rest, application: application, token: token, waitFirst: true) }
                        // Shutting down: the rest can only follow the response, which has not left yet.
                        if !background.submit(job) { followUp.logger.error("Shutting down: the rest of a long Discord answer was not posted") }
                    }
                    return json(response)
                case .deferred(let pending):
                    desk.metrics.command(platform: .discord, command: envelope.command.name, outcome: .deferred)
                    let job: BackgroundWork.Job = { await followUp.complete(pending, application: application, token: token) }
                    // Shutting down: deliver it within this request rather than drop it.
                    if !background.submit(job) { await job() }
                    // Discord keeps the visibility chosen now, and the answer may yet be a refusal: private from the start.
                    return json(Self.encode(.deferred(ephemeral: true)))
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch StoreError.conflict {
                // Other replicas kept changing the incident while this command was decided again and again.
                return json(Self.busy)
            } catch {
                // The store failed (its database restarting, say): the user hears it was not recorded, only them.
                return json(Self.notRecorded)
            }
        }
    }

    /// What the user sees when others kept changing the incident while their command was decided.
    static let busy = #"{"data":{"allowed_mentions":{"parse":[]},"content":"Klaxon could not record that: the incident kept changing while it tried. Please try again.","flags":64},"type":4}"#

    /// What the user sees when the command could not be stored.
    static let notRecorded = #"{"data":{"allowed_mentions":{"parse":[]},"content":"Klaxon could not record that: its database did not answer. Please try again in a moment.","flags":64},"type":4}"#

    /// The response as Discord reads it, then a line for each message that follows it (JSON holds no line break).
    static func encode(_ response: DiscordInteractionResponse) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // These plain value types always encode; the fallback only keeps the answer well-formed.
        let first = (try? encoder.encode(response)).map { String(decoding: $0, as: UTF8.self) }
            ?? #"{"data":{"allowed_mentions":{"parse":[]},"content":"Klaxon could not answer.","flags":64},"type":4}"#
        return ([first] + response.followUps.compactMap { try? encoder.encode($0) }.map { String(decoding: $0, as: UTF8.self) })
            .joined(separator: "\n")
    }
}

extension HTTPField.Name {
    /// Discord's signature and timestamp headers.
    static let discordSignature = Self("X-Signature-Ed25519")!
    static let discordTimestamp = Self("X-Signature-Timestamp")!
}
