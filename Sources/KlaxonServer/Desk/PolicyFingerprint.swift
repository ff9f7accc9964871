import Foundation
import KlaxonCore

/// A stable digest of the policy in force: when it changes between runs, stored due times were computed with
/// another cadence and are computed again.
public enum PolicyFingerprint {
    /// The name of the store's setting that holds the fingerprint of the policy the server last ran with.
    public static let setting = "policy"

    ///
    /// The status page's address is left out: a server fills it in from where it is served (in local mode, its port),
    /// which changes no cadence, and `klaxon report` reading the same policy file warned that the policies differed.
    public static func of(_ policy: Policy) -> String {
        var policy = policy
        var page = policy.statusPageSettings
        page.url = nil
        policy.publicStatus = page
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(policy)) ?? Data()
        // FNV-1a: not for security, only to notice a change.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
