import Foundation
import Hummingbird
import KlaxonCore
import KlaxonPolicy
import KlaxonStore
import Logging

/// The public status page: `GET /status`, `/status/incidents/{id}` (and `.atom`), `/status/history`, `/status.json`,
/// `/status.atom`. Public and read-only: no secret, and it reads only the store's public view, which holds nothing
/// private (see `PublicIncident`), never the events.
struct StatusController: Sendable {
    let store: any IncidentStore
    let renderer: StatusPageRenderer
    let clock: any WallClock
    /// How long caches may keep a resource (`Cache-Control: public, max-age`).
    let maxAge: Int
    /// Incidents per page of `/status/history`.
    static let historyPageSize = 20

    var feed: StatusFeed { StatusFeed(facts: renderer.facts) }
    var settings: PublicStatusPolicy { renderer.facts.settings }

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/status") { request, _ in
            let incidents = try await current()
            return document(renderer.frontPage(incidents, updatedAt: lastChange(incidents)), .html, incidents).response(to: request, maxAge: maxAge)
        }
        router.get("/status.json") { request, _ in
            let incidents = try await current()
            let json = String(decoding: StatusSummary(incidents, facts: renderer.facts, now: lastChange(incidents) ?? Self.epoch).json(), as: UTF8.self)
            return document(json, .json, incidents).response(to: request, maxAge: maxAge)
        }
        router.get("/status.atom") { request, _ in
            let incidents = try await current()
            let atom = feed.atom(incidents, title: settings.name, path: "/status.atom", now: lastChange(incidents) ?? Self.epoch)
            return document(atom, .atom, incidents).response(to: request, maxAge: maxAge)
        }
        router.get("/status/history") { request, _ in
            let page = max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1)
            let since = clock.now.addingTimeInterval(-TimeInterval(settings.historyDays) * 86_400)
            let (incidents, total) = try await store.publicHistory(since: since, offset: (page - 1) * Self.historyPageSize, limit: Self.historyPageSize)
            let pages = (total + Self.historyPageSize - 1) / Self.historyPageSize
            let html = renderer.historyPage(incidents, page: page, pages: pages, updatedAt: lastChange(incidents))
            return document(html, .html, incidents).response(to: request, maxAge: maxAge)
        }
        router.get("/status/incidents/:id") { request, context in
            // `3` is the page, `3.atom` its feed; anything else, or an incident that is not public, is the same 404.
            let raw = context.parameters.get("id") ?? ""
            let isFeed = raw.hasSuffix(".atom")
            let digits = isFeed ? String(raw.dropLast(5)) : raw
            guard let number = Int(digits), number > 0, digits.allSatisfy(\.isASCII), let incident = try await store.publicIncident(IncidentID(number)) else {
                throw HTTPError(.notFound, message: "No such incident on this status page.")
            }
            if isFeed {
                let atom = feed.atom([incident], title: incident.title, path: "/status/incidents/\(number).atom", now: incident.changedAt)
                return document(atom, .atom, [incident]).response(to: request, maxAge: maxAge)
            }
            return document(renderer.incidentPage(incident, updatedAt: incident.changedAt), .html, [incident]).response(to: request, maxAge: maxAge)
        }
    }

    /// Open public incidents and those resolved within the page's recent days: one indexed read of the public view.
    private func current() async throws -> [PublicIncident] {
        try await store.publicIncidents(resolvedSince: clock.now.addingTimeInterval(-TimeInterval(settings.recentDays) * 86_400))
    }

    /// The last time anything shown changed; pages say "updated" with it, so their bytes (and `ETag`) depend only on
    /// what they show, not on when they were asked for.
    private func lastChange(_ incidents: [PublicIncident]) -> Date? {
        incidents.map(\.changedAt).max()
    }

    private func document(_ text: String, _ type: MediaType, _ incidents: [PublicIncident]) -> StatusDocument {
        StatusDocument(text, contentType: type.rawValue, lastModified: lastChange(incidents) ?? Self.epoch)
    }

    /// A fixed time for a page that has never shown an incident.
    static let epoch = Date(timeIntervalSince1970: 1_767_225_600)

    enum MediaType: String {
        case html = "text/html; charset=utf-8"
        case json = "application/json"
        case atom = "application/atom+xml; charset=utf-8"
    }
}
