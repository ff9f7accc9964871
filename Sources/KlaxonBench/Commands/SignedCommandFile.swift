import Crypto
import Foundation

/// A file of signed requests for one load run, signed just before it: Slack's timestamps are valid for 300 s.
struct SignedCommandFile: Sendable {
    let path: String
    let count: Int

    /// Writes requests `indices` of `workload`, each with its own `trigger_id` (`tag` keeps them unique across files).
    static func write(
        _ workload: BenchWorkload, indices: Range<Int>, tag: String, secret: String, to path: String, now: Date = Date()
    ) throws -> SignedCommandFile {
        let key = SymmetricKey(data: Data(secret.utf8))
        var text = ""
        text.reserveCapacity(indices.count * 420)
        for index in indices {
            let command = SignedCommand(
                text: workload.text(index), channel: workload.channel(index), triggerID: "\(tag).\(index)", key: key, now: now
            )
            text += command.line + "\n"
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return SignedCommandFile(path: path, count: indices.count)
    }
}
