import Foundation
import Hummingbird
import KlaxonSlack
import NIOCore

/// How a Slack-format slash-command endpoint authenticates a request before reading it: Slack's signature, or
/// Mattermost's token.
protocol SlashCommandAuthenticator: Sendable {
    /// Refuses a request that is not from the platform, with a short reason for the 401.
    func authenticate(_ request: Request, body: ByteBufferView, now: Date) throws(SlashCommandRefusal)
    /// Identifies a request whose body has no `trigger_id`, so a retry is answered without recording twice.
    func retryKey(_ request: Request) -> String?
}

/// A refused slash command's reason; says nothing about the secret or the body.
struct SlashCommandRefusal: Error {
    let reason: String
}

extension SlackSignatureVerifier: SlashCommandAuthenticator {
    func authenticate(_ request: Request, body: ByteBufferView, now: Date) throws(SlashCommandRefusal) {
        do throws(SlackSignatureVerifier.Failure) {
            try verify(body: body, timestamp: request.headers.value(.slackTimestamp), signature: request.headers.value(.slackSignature), now: now)
        } catch {
            throw SlashCommandRefusal(reason: error.reason)
        }
    }

    /// A retried delivery carries the same signature.
    func retryKey(_ request: Request) -> String? {
        request.headers.value(.slackSignature)
    }
}

extension MattermostTokenVerifier: SlashCommandAuthenticator {
    func authenticate(_ request: Request, body: ByteBufferView, now: Date) throws(SlashCommandRefusal) {
        do throws(MattermostTokenVerifier.Failure) {
            try verify(authorization: request.headers.value(.authorization), body: body)
        } catch {
            throw SlashCommandRefusal(reason: error.reason)
        }
    }

    /// Mattermost sends a `trigger_id`; without one there is nothing that identifies a retry.
    func retryKey(_ request: Request) -> String? { nil }
}
