import KlaxonCore
import Synchronization

/// The notices this process has just written to the outbox, by their row's key, so the worker that reads the rows
/// back moments later need not decode their JSON again (decoding two notices was a tenth of a declaration's cost).
///
/// The row stays the truth: a notice not found here (written by a replica, read a second time, or not kept because
/// the memo was full) is decoded from it. A row's notice never changes once written, and only committed batches are
/// remembered, so what is found here is what the row holds. A batch is remembered just after its commit: a read of
/// the outbox in between decodes its rows, and their notices stay here unread until the memo starts over, as do
/// those of rows a replica sent.
final class WrittenNotices: Sendable {
    private struct State {
        var notices: [String: Notice] = [:]
        /// Whether a notice was handed out since the memo was last found full.
        var takenSinceFull = false
    }

    private let state = Mutex(State())
    /// Notices held at most, about 0.7 MB: 4,096 added 3 MB to the resident memory after 10,000 declarations.
    static let limit = 1024

    /// Keeps a committed batch's notices. When they do not fit and the worker has been taking notices, the memo holds
    /// the oldest ones, which it reads next (a backlog), and lets these be decoded; when nothing was taken since it
    /// was last full, what it holds is never read here (another replica sent it): it starts over.
    func remember(_ written: [(key: String, notice: Notice)]) {
        guard !written.isEmpty else { return }
        state.withLock { state in
            if state.notices.count + written.count > Self.limit {
                defer { state.takenSinceFull = false }
                guard !state.takenSinceFull else { return }
                state.notices.removeAll()
            }
            for (key, notice) in written.prefix(Self.limit) { state.notices[key] = notice }
        }
    }

    /// The notice written under `key`, once: the memo forgets it as it hands it out.
    func take(_ key: String) -> Notice? {
        state.withLock { state in
            guard let notice = state.notices.removeValue(forKey: key) else { return nil }
            state.takenSinceFull = true
            return notice
        }
    }
}
