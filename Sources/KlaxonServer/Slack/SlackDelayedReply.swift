import AsyncHTTPClient
import Foundation
import KlaxonCore
import Logging
import NIOCore

/// Slack's `response_url`: where an answer goes when the command took too long to answer within 3 seconds
/// (the URL is valid for 30 minutes and 5 uses; Klaxon uses it once).
struct SlackDelayedReply: Sendable {
    /// How long to wait for the desk before acknowledging and answering through `response_url`.
    let deferAfter: TimeInterval
    /// Hosts a `response_url` may point at: Slack's, and the configured API's host (a proxy, or tests).
    let allowedHosts: Set<String>
    let logger: Logger

    /// Whether Klaxon will post to this URL (it came in a signed request, but is still checked: no posting elsewhere).
    func accepts(_ url: String?) -> Bool {
        guard let url, let components = URLComponents(string: url), let host = components.host else { return false }
        return allowedHosts.contains(host) && (components.scheme == "https" || host == "127.0.0.1" || host == "localhost")
    }

    /// Posts the reply JSON once the work is done (or says it failed).
    func complete(_ pending: Pending<String>, to url: String) async {
        let body: String
        switch await pending.result() {
        case .success(let reply)?: body = reply
        case .failure, nil: body = SlackCommandController.notRecorded
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            if response.status.code >= 300 {
                logger.error("Slack refused a delayed answer", metadata: ["chat.platform": "\(Platform.slack)", "http.status": "\(response.status.code)"])
            }
        } catch {
            logger.error("Could not send a delayed Slack answer", metadata: ["chat.platform": "\(Platform.slack)", "error": "\(error)"])
        }
    }
}
