import Foundation
import HTTPTypes
import Hummingbird
import KlaxonCore
import KlaxonStore
import Logging

/// `POST /hooks/alertmanager` and `POST /hooks/grafana`: alert groups open incidents and follow them.
///
/// A bearer token with the `alerts` scope is checked before the body is read. Answers: 200 with what was done, 400
/// for a body that is not a notification, 401/403 for the token, 413 over 1 MiB, and 503 when the store could not
/// record it, which the sender retries: nothing is acknowledged before it is stored.
struct AlertHookController: Sendable {
    let desk: IncidentDesk
    let tokens: APITokens

    /// Alertmanager sends whole groups; 1 MiB holds thousands of alerts.
    static let maxBodySize = 1024 * 1024
    /// The answer to a body over `maxBodySize`, announced or found while reading it; the rest is not read.
    static let tooLarge = Problem(.contentTooLarge, "the body is larger than 1 MiB", headers: [.connection: "close"])

    func addRoutes(to router: Router<some RequestContext>) {
        router.post("/hooks/alertmanager") { request, context in
            try await handle(request, source: .alertmanager, logger: context.logger)
        }
        router.post("/hooks/grafana") { request, context in
            try await handle(request, source: .grafana, logger: context.logger)
        }
        MethodNotAllowed.addRoutes(to: router, allowing: ["/hooks/alertmanager": [.post], "/hooks/grafana": [.post]])
    }

    func handle(_ request: Request, source: AlertSource, logger: Logger) async throws -> Response {
        let token: APIToken
        switch tokens.authorize(request.headers[.authorization], for: .alerts) {
        case .success(let found): token = found
        case .failure(let refusal):
            logger.notice("Refused an alert notification", metadata: ["alert.source": "\(source.rawValue)"])
            throw Problem.refused(refusal)
        }
        let bytes = try await request.body.collect(upTo: Self.maxBodySize, refusing: Self.tooLarge)
        let group: AlertGroup
        do throws(AlertPayloadError) {
            group = try Self.group(from: Data(buffer: bytes), source: source)
        } catch {
            throw Problem(.badRequest, error.reason)
        }
        let metadata: Logger.Metadata = ["alert.source": "\(source.rawValue)", "api.token": "\(token.name)"]
        do {
            let outcome = try await desk.receive(group)
            logger.info("Alert notification handled", metadata: metadata.merging(["alert.outcome": "\(outcome.label)"]) { $1 })
            return try Self.json(AlertReply(outcome))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // Alertmanager and Grafana retry a 5xx: the notification is recorded then, or found unchanged.
            logger.error("Could not record an alert notification", metadata: metadata.merging(["error": "\(describeStoreFailure(error))"]) { $1 })
            throw Problem(.serviceUnavailable, "Klaxon could not record the alerts; send them again", headers: [.retryAfter: "5"])
        }
    }

    /// The core's alert group from a body, checked for the sender's version.
    static func group(from body: Data, source: AlertSource) throws(AlertPayloadError) -> AlertGroup {
        // Which of two `status` or `severity` values counts is not for Klaxon to guess.
        if let name = JSONDuplicateNames.first(in: body) {
            throw AlertPayloadError("`\(name.prefix(60))` is given twice in one object")
        }
        let payload = try AlertmanagerPayload.decode(body)
        switch source {
        case .alertmanager:
            guard payload.version == "4" else { throw AlertPayloadError("`version` is `\(payload.version)`; Klaxon reads Alertmanager's version 4") }
            return try payload.group(source: source, link: payload.externalURL)
        case .grafana:
            // Grafana's unified alerting numbers its webhook format 1; the dashboard is where responders look first.
            guard payload.version == "1" else { throw AlertPayloadError("`version` is `\(payload.version)`; Klaxon reads Grafana's version 1") }
            let firing = payload.alerts.filter { $0.status == "firing" }
            let link = (firing.map(\.dashboardURL) + firing.map(\.panelURL) + [payload.externalURL]).compactMap { $0 }.first { !$0.isEmpty }
            return try payload.group(source: source, link: link)
        }
    }

    static func json(_ reply: AlertReply) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(status: .ok, headers: .json, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(reply))))
    }
}

/// The answer to an alert notification: what happened, and to which incident.
struct AlertReply: Codable, Equatable {
    let result: String
    let incident: Int?
    /// The proposal's alert id (`a7`), for a proposed group.
    let proposal: String?

    init(_ outcome: AlertOutcome) {
        result = outcome.label
        incident = outcome.incident?.rawValue
        proposal = outcome.proposal?.description
    }
}

extension AlertOutcome {
    /// `declared`, `updated`, `proposed`, `proposal_updated`, `withdrawn` or `unchanged`: for the reply and the logs.
    var label: String {
        switch self {
        case .declared: "declared"
        case .updated: "updated"
        case .unchanged, .proposalUnchanged: "unchanged"
        case .proposed: "proposed"
        case .proposalRevised: "proposal_updated"
        case .withdrawn: "withdrawn"
        }
    }
}
