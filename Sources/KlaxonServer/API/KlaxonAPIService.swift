import Foundation
import HTTPTypes
import KlaxonAPI
import KlaxonCore
import KlaxonPolicy
import KlaxonStore
import OpenAPIRuntime

/// The JSON API's handlers (openapi.yaml's operations). Commands go through the same desk as chat, as the token's
/// automated actor; refusals carry the message chat would give. `APIAccessMiddleware` has checked the token.
struct KlaxonAPIService: APIProtocol {
    let desk: IncidentDesk
    let bundle: PolicyBundle
    let clock: any WallClock
    /// Chat's replies in plain text, for `reply` and refusals.
    let composer: ReplyComposer
    let report: IncidentReport
    /// The one chat this deployment posts to (Slack or Discord), if it posts to exactly one: whose people an incident
    /// declared through the API or by alerts names.
    var postingChat: Platform?

    init(desk: IncidentDesk, bundle: PolicyBundle, clock: any WallClock, postingChat: Platform? = nil) throws {
        self.desk = desk
        self.bundle = bundle
        self.clock = clock
        self.postingChat = postingChat
        composer = ReplyComposer(renderer: try MessageRenderer(policy: bundle.policy, templates: bundle.templates, dialect: PlainTextDialect()))
        report = try IncidentReport(policy: bundle.policy, templates: bundle.templates)
    }

    /// The most incidents one page holds.
    static let pageLimit = 200

    func listIncidents(_ input: Operations.ListIncidents.Input) async throws -> Operations.ListIncidents.Output {
        let query = input.query
        let limit = query.limit ?? 50
        guard (1...Self.pageLimit).contains(limit) else { return .badRequest(Self.badRequest("`limit` must be from 1 to \(Self.pageLimit)")) }
        if let before = query.before, Self.incidentID(before) == nil { return .badRequest(Self.badRequest("`before` is an incident number: \(Self.badID)")) }
        let state: IncidentQuery.State = switch query.state ?? .open {
        case .open: .open
        case .resolved: .resolved
        case .all: .any
        }
        let severity = query.severity?.rawValue
        let since = query.since
        // The store narrows by its columns; the incident itself has the last word (an old row may have no severity).
        let stored = IncidentQuery(
            state, severity: severity.flatMap { Severity(rawValue: $0) }, before: query.before.map { IncidentID($0) }, declaredSince: since
        )
        let found = try await desk.newestIncidents(stored, count: limit + 1) { incident in
            if let severity, incident.severity.rawValue != severity { return false }
            if let since, incident.declaredAt < since { return false }
            return true
        }
        let page = found.prefix(limit)
        let next = found.count > limit ? page.last?.id.rawValue : nil
        return .ok(.init(body: .json(.init(incidents: page.map(APIRepresentation.summary), next: next))))
    }

    func getIncident(_ input: Operations.GetIncident.Input) async throws -> Operations.GetIncident.Output {
        guard let id = Self.incidentID(input.path.id) else { return .badRequest(Self.badRequest(Self.badID)) }
        guard let incident = try await desk.incident(id) else { return .notFound(Self.notFound(id)) }
        return .ok(.init(body: .json(APIRepresentation.detail(incident, policy: bundle.policy))))
    }

    func getTimeline(_ input: Operations.GetTimeline.Input) async throws -> Operations.GetTimeline.Output {
        guard let id = Self.incidentID(input.path.id) else { return .badRequest(Self.badRequest(Self.badID)) }
        guard let incident = try await desk.incident(id) else { return .notFound(Self.notFound(id)) }
        return .ok(.init(body: .json(APIRepresentation.timeline(incident))))
    }

    func getReport(_ input: Operations.GetReport.Input) async throws -> Operations.GetReport.Output {
        guard let id = Self.incidentID(input.path.id) else { return .badRequest(Self.badRequest(Self.badID)) }
        guard let incident = try await desk.incident(id) else { return .notFound(Self.notFound(id)) }
        let markdown = await desk.renders.run { report.markdown(incident, now: clock.now) }
        return .ok(.init(body: .textMarkdown(HTTPBody(markdown))))
    }

    func getPolicy(_ input: Operations.GetPolicy.Input) async throws -> Operations.GetPolicy.Output {
        // The policy file's own layout; it holds roles by name only (who they are lives in the people file).
        let policy = try JSONDecoder().decode(Components.Schemas.Policy.self, from: JSONEncoder().encode(bundle.policy))
        return .ok(.init(body: .json(policy)))
    }

    static let badID = "the incident number must be from 1 to \(Int32.max)"

    static func incidentID(_ number: Int) -> IncidentID? {
        (1...Int(Int32.max)).contains(number) ? IncidentID(number) : nil
    }

    static func badRequest(_ detail: String) -> Components.Responses.BadRequest {
        .init(body: .applicationProblemJson(APIRepresentation.problem(.badRequest, detail)))
    }

    static func notFound(_ id: IncidentID) -> Components.Responses.NotFound {
        .init(body: .applicationProblemJson(APIRepresentation.problem(.notFound, "there is no incident \(id)")))
    }
}
