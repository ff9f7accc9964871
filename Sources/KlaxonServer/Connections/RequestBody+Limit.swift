import Hummingbird
import NIOCore

extension RequestBody {
    /// The whole body, up to `limit` bytes. Past it, reading throws NIO's `NIOTooManyBytesError`, which Hummingbird
    /// answers with a bare 413; `refusal` replaces it, so a body without a `Content-Length` (chunked), found too large
    /// only while it is read, gets the answer that one announced too large gets.
    func collect(upTo limit: Int, refusing refusal: @autoclosure () -> any Error) async throws -> ByteBuffer {
        do {
            return try await collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw refusal()
        }
    }
}
