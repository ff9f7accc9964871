import Foundation
import KlaxonDiscord
import KlaxonPolicy
import Logging

/// Deferred Discord answers: wait up to `deferAfter` for the desk, else answer "thinking…" and edit the real answer in
/// through the interaction's webhook once it is ready (Discord allows 15 minutes).
struct DiscordFollowUp: Sendable {
    let rest: DiscordREST
    /// Discord wants an answer within 3 seconds; this leaves room for the network.
    let deferAfter: TimeInterval
    let logger: Logger

    /// Edits the deferred answer in when the command is done (or says it failed).
    func complete(_ pending: Pending<String>, application: String, token: String) async {
        let message: Data
        switch await pending.result() {
        case .success(let response)?:
            // The webhook takes the message itself: the `data` of the interaction response.
            let object = (try? JSONSerialization.jsonObject(with: Data(response.utf8))) as? [String: Any]
            message = (try? JSONSerialization.data(withJSONObject: object?["data"] ?? [:])) ?? Data("{}".utf8)
        case .failure, nil:
            message = Data(#"{"content":"Klaxon could not record that; please try again.","allowed_mentions":{"parse":[]}}"#.utf8)
        }
        do throws(DeliveryFailure) {
            try await rest.editOriginal(application: application, token: token, message: message)
        } catch {
            logger.error("Could not send a deferred Discord answer", metadata: ["chat.platform": "discord", "error": "\(error.reason)"])
        }
    }
}
