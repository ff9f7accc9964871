import Foundation
import HTTPTypes
import Hummingbird
import KlaxonCore
import KlaxonSlack
import KlaxonStore
import Logging

/// `POST /slack/commands` (and Mattermost's `POST /mattermost/commands`, same format): authenticate, decode, hand to the
/// desk, answer within the platform's deadline.
struct SlackCommandController: ChatEndpoint {
    let desk: IncidentDesk
    /// Slack's signature verifier, or Mattermost's token check.
    let verifier: any SlashCommandAuthenticator
    let responder: SlackResponder
    let clock: any WallClock
    let platform: Platform
    /// With a bot token, announcements go to the incident's thread through the outbox; the slash reply is then
    /// shown to its author only, so the channel doesn't see everything twice.
    var announcesInThread = false
    /// Answers too slow for Slack's deadline go through `response_url`; `nil` always answers in the response.
    var delayed: SlackDelayedReply?
    /// Where work that outlives its request runs (a deferred command, its follow-up).
    let background: BackgroundWork
    /// Help and runbooks, answered without the desk.
    let fixedReplies = FixedReplyBodies()

    func handle(_ request: Request, logger: Logger) async throws -> Response {
        let bytes = try await body(of: request).readableBytesView
        do throws(SlashCommandRefusal) {
            try verifier.authenticate(request, body: bytes, now: clock.now)
        } catch {
            logger.notice("Refused a slash command", metadata: ["chat.platform": "\(platform)", "reason": "\(error.reason)"])
            throw HTTPError(.unauthorized, message: error.reason)
        }
        let body: SlashCommandForm
        do throws(SlackCommandRequest.Failure) {
            body = try SlashCommandForm(body: bytes)
        } catch {
            throw HTTPError(.badRequest, message: error.reason)
        }
        guard case .command(let form) = body else { return Response(status: .ok) }
        return try await answer(form, of: request, logger: logger)
    }

    private func answer(_ form: SlackCommandRequest, of request: Request, logger: Logger) async throws -> Response {
        let now = clock.now
        let command: IncidentCommand
        do throws(CommandRejection) {
            command = try CommandParser(platform: platform).parse(form.text)
            // Slack sends the people it knows as ids (the manifest's `should_escape`); the local console has no
            // workspace to look them up in, so names stand there.
            if platform == .slack, announcesInThread, let name = command.personNamedPlainly {
                throw .unknownPerson(name, command: command.name)
            }
        } catch {
            desk.metrics.refusedUnparsed(platform: platform, text: form.text)
            return json(responder.reply(to: .rejected(error), now: now).json)
        }
        // A name the policy does not know goes on to the desk, which refuses it (and keeps the refusal for retries).
        if let fixed = try? FixedAnswer(command, policy: desk.policy) {
            desk.metrics.command(platform: platform, command: command.name, outcome: .answered)
            return answer(fixed, now: now)
        }
        // A retried delivery carries the same trigger_id (or, lacking one, the same signature).
        let key = (form.triggerID ?? verifier.retryKey(request)).map { "\(platform):" + $0 }
        let envelope = CommandEnvelope(
            command: command, actor: form.actor(platform: platform), channel: form.channel(platform: platform), requestKey: key
        )
        let responder = self.responder
        let privately = announcesInThread
        let desk = self.desk
        let work: @Sendable () async throws -> String = {
            try await desk.handle(envelope) { outcome in
                var reply = responder.reply(to: outcome, now: now)
                if privately { reply = SlackReply(.ephemeral, text: reply.text) }
                return reply.json
            }
        }
        do {
            guard let delayed, delayed.accepts(form.responseURL), let url = form.responseURL else { return json(try await work()) }
            switch try await Deadline.answer(within: delayed.deferAfter, clock: clock, background: background, work: work) {
            case .ready(let body):
                return json(body)
            case .deferred(let pending):
                // Too slow for Slack's 3 seconds: acknowledge now, answer through response_url when done.
                desk.metrics.command(platform: platform, command: command.name, outcome: .deferred)
                let followUp: BackgroundWork.Job = { await delayed.complete(pending, to: url) }
                // Shutting down: deliver it within this request rather than drop it.
                if !background.submit(followUp) { await followUp() }
                return json(SlackReply(.ephemeral, text: "Working on it…").json)
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch StoreError.conflict {
            // Other replicas kept changing the incident while this command was decided again and again.
            logger.notice("A command lost every retry to other writers", metadata: ["chat.platform": "\(platform)"])
            return json(Self.busy)
        } catch {
            // The store failed (its database restarting, say): the user hears it was not recorded, only them.
            logger.error("Could not answer a command", metadata: ["chat.platform": "\(platform)", "error": "\(describeStoreFailure(error))"])
            return json(Self.notRecorded)
        }
    }

    /// Help or a runbook, from the bodies kept (synchronous: Swift 6.3 crashed compiling this closure in `answer`).
    private func answer(_ fixed: FixedAnswer, now: Date) -> Response {
        let body = fixedReplies.body(for: fixed) {
            var reply = responder.reply(to: fixed.outcome, now: now)
            if announcesInThread { reply = SlackReply(.ephemeral, text: reply.text) }
            return reply.json
        }
        return Response(status: .ok, headers: .json, body: .init(byteBuffer: body))
    }

    /// What the user sees when others kept changing the incident while their command was decided.
    static let busy = #"{"response_type":"ephemeral","text":"Klaxon could not record that: the incident kept changing while it tried. Please try again."}"#

    /// What the user sees when the command could not be stored.
    static let notRecorded = #"{"response_type":"ephemeral","text":"Klaxon could not record that: its database did not answer. Please try again in a moment."}"#
}

extension HTTPField.Name {
    static let slackTimestamp = Self("X-Slack-Request-Timestamp")!
    static let slackSignature = Self("X-Slack-Signature")!
}
