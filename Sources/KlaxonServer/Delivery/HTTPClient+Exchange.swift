import AsyncHTTPClient
import Foundation
import KlaxonPolicy
import NIOCore

extension HTTPClient {
    /// One request to a platform's API and its whole answer (up to 8 MiB); a request that did not get an answer
    /// (connection refused, timed out) is a transient failure named by `what`.
    func exchange(_ request: HTTPClientRequest, timeout: TimeAmount, what: String) async throws(DeliveryFailure) -> (response: HTTPClientResponse, body: Data) {
        do {
            let response = try await execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 8 << 20)
            return (response, Data(body.readableBytesView))
        } catch {
            throw .transient("\(what): \(error)")
        }
    }
}
