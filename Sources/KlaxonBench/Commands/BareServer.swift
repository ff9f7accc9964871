import Hummingbird
import Logging
import NIOCore

/// The baseline of `klaxon bench commands` (`klaxon bench bare-server`): Hummingbird alone, answering
/// `POST /slack/commands` with a fixed small JSON body once it has read the request's body. What Klaxon's HTTP
/// stack carries with no work behind it, measured in the same run and setup as Klaxon.
public enum BareServer {
    /// The application, built without running it; listens on 127.0.0.1:`port`.
    public static func build(port: Int, logger: Logger) -> some ApplicationProtocol {
        let reply = ByteBuffer(string: #"{"response_type":"ephemeral","text":"ok"}"#)
        let router = Router()
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.post("/slack/commands") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: reply))
        }
        // The same server name as Klaxon's, so the responses' headers are the same size.
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "klaxon"), logger: logger)
    }
}
