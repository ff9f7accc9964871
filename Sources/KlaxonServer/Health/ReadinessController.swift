import Foundation
import Hummingbird
import KlaxonStore
import Logging

/// `GET /healthz` (alive: answers while the process runs) and `GET /readyz` (should get traffic: the store answers,
/// the scheduler keeps up, the outbox drains). Migrations run before the server listens, so a replica migrating is
/// simply not listening yet.
struct ReadinessController: Sendable {
    let store: any IncidentStore
    let clock: any WallClock
    let limits: Readiness.Limits

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/healthz") { _, _ in
            Self.json(.ok, #"{"status":"ok"}"#)
        }
        router.get("/readyz") { _, context in
            await answer(logger: context.logger)
        }
    }

    func answer(logger: Logger) async -> Response {
        let readiness: Readiness
        do {
            let nextDue = try await store.nextDueAt()
            let backlog = try await store.outboxBacklog()
            readiness = Readiness.evaluate(nextDueAt: nextDue, backlog: backlog, now: clock.now, limits: limits)
        } catch {
            logger.warning("Not ready: the store does not answer", metadata: ["error.type": "\(type(of: error))"])
            readiness = .notReady(.storeUnreachable)
        }
        switch readiness {
        case .ready:
            return Self.json(.ok, #"{"status":"ready"}"#)
        case .notReady(let reason):
            let body = (try? JSONEncoder().encode(["status": "not ready", "reason": reason.code, "detail": reason.message]))
                .map { String(decoding: $0, as: UTF8.self) } ?? #"{"status":"not ready"}"#
            return Self.json(.serviceUnavailable, body)
        }
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: .json, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
