import Foundation
import KlaxonCore
import KlaxonServer
import KlaxonStore

/// Figures worked out from a policy (an update overdue, a recovery target, a review window) are the playbook's only
/// with the policy the server ran: `klaxon report` without the server's `--policy` reported "never overdue" for
/// updates its server had nudged for.
enum PolicyMismatch {
    /// Says on standard error when the store's server last ran with another policy than `policy` (named `source`).
    static func warn(_ store: any IncidentStore, policy: Policy, source: String?) async {
        guard let stored = try? await store.setting(PolicyFingerprint.setting), stored != PolicyFingerprint.of(policy) else { return }
        let used = source.map { "the policy in \($0)" } ?? "the built-in playbook"
        FileHandle.standardError.write(Data("""
            klaxon: warning: the server last ran with another policy than \(used); cadences, targets and review windows below \
            follow \(used). Give the server's policy with --policy (or KLAXON_POLICY).

            """.utf8))
    }
}
