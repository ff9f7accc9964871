import Foundation
import Synchronization

/// Status documents as rendered for one version of the store's public view, so a busy page is rendered once per
/// change rather than once per request. A new version (a commit here or on another replica) empties it.
final class StatusCache: Sendable {
    private struct State {
        var version = -1
        var documents: [String: StatusDocument] = [:]
        /// Renderings under way for this version: requests that miss together share one instead of each rendering
        /// the page (32 connections missing at once cost 32 renderings and a second-long stall).
        var rendering: [String: Task<StatusDocument, any Error>] = [:]
    }

    private let state = Mutex(State())
    /// Documents kept per version at most (every incident page and history page is one).
    let limit: Int

    init(limit: Int = 512) {
        self.limit = limit
    }

    /// The document for `key` rendered at `version`, rendering (and keeping) it if there is none.
    func document(
        _ key: String, version: Int, render: @escaping @Sendable () async throws -> StatusDocument
    ) async throws -> StatusDocument {
        let kept = state.withLock { state in state.version == version ? state.documents[key] : nil }
        if let kept { return kept }
        let rendering = state.withLock { state -> Task<StatusDocument, any Error> in
            let slot = "\(version)/\(key)"
            if let running = state.rendering[slot] { return running }
            // Short-lived and awaited by every request that asked: the rendering finishes even if the first of them
            // goes away, as the others still want it.
            let task = Task { try await render() }
            state.rendering[slot] = task
            return task
        }
        defer { state.withLock { state in _ = state.rendering.removeValue(forKey: "\(version)/\(key)") } }
        let document = try await rendering.value
        keep(document, key, version: version)
        return document
    }

    private func keep(_ document: StatusDocument, _ key: String, version: Int) {
        state.withLock { state in
            if state.version != version {
                // Never let an older version's rendering replace a newer one's.
                guard version > state.version else { return }
                state.version = version
                state.documents = [:]
            }
            if state.documents.count >= limit { state.documents.removeAll() }
            state.documents[key] = document
        }
    }
}
