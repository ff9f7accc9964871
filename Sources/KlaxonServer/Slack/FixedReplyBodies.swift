import NIOCore
import Synchronization

/// The JSON bodies of fixed answers (help, runbooks), made on first use: a help reply is kilobytes of escaped
/// text, and rendering and escaping it again for every request was most of what answering it cost.
final class FixedReplyBodies: Sendable {
    private let bodies = Mutex<[String: ByteBuffer]>([:])

    /// The body kept for `answer`, made by `make` the first time.
    func body(for answer: FixedAnswer, make: () -> String) -> ByteBuffer {
        if let body = bodies.withLock({ $0[answer.key] }) { return body }
        let body = ByteBuffer(string: make())
        bodies.withLock { $0[answer.key] = body }
        return body
    }
}
