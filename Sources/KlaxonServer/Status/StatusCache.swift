import Foundation
import Synchronization

/// Status documents as rendered for one version of the store's public view, so a busy page is rendered once per
/// change rather than once per request. A new version (a commit here or on another replica) empties it.
final class StatusCache: Sendable {
    private struct State {
        var version = -1
        var documents: [String: StatusDocument] = [:]
    }

    private let state = Mutex(State())
    /// Documents kept per version at most (every incident page and history page is one).
    let limit: Int

    init(limit: Int = 512) {
        self.limit = limit
    }

    /// The document for `key` rendered at `version`, rendering (and keeping) it if there is none.
    func document(_ key: String, version: Int, render: () async throws -> StatusDocument) async rethrows -> StatusDocument {
        let cached = state.withLock { state -> StatusDocument? in
            guard state.version == version else { return nil }
            return state.documents[key]
        }
        if let cached { return cached }
        let document = try await render()
        state.withLock { state in
            if state.version != version {
                // Never let an older version's rendering replace a newer one's.
                guard version > state.version else { return }
                state = State(version: version)
            }
            if state.documents.count >= limit { state.documents.removeAll() }
            state.documents[key] = document
        }
        return document
    }
}
