import Foundation
import KlaxonCore
import KlaxonDiscord
import KlaxonPolicy
import Logging
import Synchronization

/// Deferred Discord answers: wait up to `deferAfter` for the desk, else answer "thinking…" and edit the real answer in
/// through the interaction's webhook once it is ready (Discord allows 15 minutes).
struct DiscordFollowUp: Sendable {
    let rest: DiscordREST
    /// Discord wants an answer within 3 seconds; this leaves room for the network.
    let deferAfter: TimeInterval
    let logger: Logger
    let clock: any WallClock
    /// Interactions whose rest was posted: a retried interaction is answered from the stored reply, rest and all, and
    /// must not post the rest a second time.
    let posted = PostedInteractions()

    /// How long to wait before each further try at the rest of a long answer: Discord refuses a follow-up until it has
    /// read the response it follows. An answered interaction's rest waits the first of them before its first try.
    static let followUpRetries: [TimeInterval] = [0.5, 1, 2, 4]

    /// Private notes edited into the deferred answer.
    static let failed = Data(#"{"allowed_mentions":{"parse":[]},"content":"Klaxon could not record that: its database did not answer. Please try again in a moment.","flags":64}"#.utf8)
    static let announced = Data(#"{"allowed_mentions":{"parse":[]},"content":"Done: announced in the channel.","flags":64}"#.utf8)

    /// Edits the deferred answer in when the command is done (or says it failed).
    ///
    /// The answer was deferred privately (Discord keeps that visibility through edits), so a private answer is edited
    /// in, and an announcement for the channel follows as a message of its own after a short private note.
    func complete(_ pending: Pending<String>, application: String, token: String) async {
        var edit = Self.failed
        var announcement: Data?
        var following: [Data] = []
        if case .success(let answer)? = await pending.result() {
            let (response, more) = Self.parts(of: answer)
            following = more
            // The webhook takes the message itself: the `data` of the interaction response.
            let object = (try? JSONSerialization.jsonObject(with: Data(response.utf8))) as? [String: Any]
            let data = object?["data"] as? [String: Any] ?? [:]
            let message = (try? JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])) ?? Self.failed
            if data["flags"] as? Int == DiscordMessage.ephemeralFlag {
                edit = message
            } else {
                (edit, announcement) = (Self.announced, message)
            }
        }
        do throws(DeliveryFailure) {
            try await rest.editOriginal(application: application, token: token, message: edit)
            if let announcement { try await rest.createFollowUp(application: application, token: token, message: announcement) }
        } catch {
            logger.error("Could not send a deferred Discord answer", metadata: ["chat.platform": "\(Platform.discord)", "error": "\(error.reason)"])
            return
        }
        await post(following, application: application, token: token)
    }

    /// Posts the rest of a long answer, in order, each tried a few times (see `followUpRetries`); `waitFirst`: the
    /// response it follows is only now on its way to Discord. A part the platform asks to wait for waits that long.
    func post(_ messages: [Data], application: String, token: String, waitFirst: Bool = false) async {
        guard !messages.isEmpty, posted.claim(token) else { return }
        var wait = waitFirst ? Self.followUpRetries[0] : 0
        for (index, message) in messages.enumerated() {
            var failure: DeliveryFailure?
            for retry in 0...Self.followUpRetries.count {
                do {
                    if wait > 0 { try await clock.sleep(until: clock.now.addingTimeInterval(wait)) }
                    try await rest.createFollowUp(application: application, token: token, message: message)
                    (failure, wait) = (nil, 0)
                    break
                } catch let error as DeliveryFailure {
                    failure = error
                    if case .rateLimited(let after) = error { wait = after } else { wait = Self.followUpRetries[min(retry, Self.followUpRetries.count - 1)] }
                } catch {
                    logger.notice("Stopped posting the rest of a long Discord answer: shutting down", metadata: ["parts.unsent": "\(messages.count - index)"])
                    return
                }
            }
            if let failure {
                logger.error("Could not post the rest of a long Discord answer", metadata: [
                    "chat.platform": "\(Platform.discord)", "error": "\(failure.reason)", "parts.unsent": "\(messages.count - index)",
                ])
                return
            }
        }
    }

    /// An answer as the controller encodes it: the interaction response, then one line for each message after it.
    static func parts(of answer: String) -> (response: String, followUps: [Data]) {
        let lines = answer.split(separator: "\n")
        return (lines.first.map(String.init) ?? answer, lines.dropFirst().map { Data($0.utf8) })
    }
}

/// The interactions (by token) whose follow-ups this process posted, the latest few thousand.
final class PostedInteractions: Sendable {
    private let tokens = Mutex<Set<String>>([])
    static let limit = 4096

    /// Whether the interaction's follow-ups are this caller's to post: once per interaction.
    func claim(_ token: String) -> Bool {
        tokens.withLock { tokens in
            if tokens.count >= Self.limit { tokens.removeAll() }
            return tokens.insert(token).inserted
        }
    }
}
