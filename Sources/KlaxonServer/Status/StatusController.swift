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
    /// What was rendered for the current public view.
    let cache = StatusCache()
    /// Incidents per page of `/status/history`.
    static let historyPageSize = 20

    var feed: StatusFeed { StatusFeed(facts: renderer.facts) }
    var settings: PublicStatusPolicy { renderer.facts.settings }

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/status") { request, _ in
            try await cached("page", request) {
                let incidents = try await current()
                let changed = try await lastChange(incidents)
                return document(renderer.frontPage(incidents, updatedAt: changed), .html, changed)
            }
        }
        router.get("/status.json") { request, _ in
            try await cached("json", request) {
                let incidents = try await current()
                let changed = try await lastChange(incidents)
                let json = String(decoding: StatusSummary(incidents, facts: renderer.facts, now: changed ?? Self.epoch).json(), as: UTF8.self)
                return document(json, .json, changed)
            }
        }
        router.get("/status.atom") { request, _ in
            try await cached("atom", request) {
                let incidents = try await current()
                let changed = try await lastChange(incidents)
                return document(feed.atom(incidents, title: settings.name, path: "/status.atom", now: changed ?? Self.epoch), .atom, changed)
            }
        }
        router.get("/status/history") { request, _ in
            // A page that is not there (`page=9` of 2, `page=abc`) is the same 404 as an unknown incident, not page 1.
            let asked = request.uri.queryParameters.get("page")
            guard let page = asked.map({ Int($0) }) ?? 1, page >= 1 else { return notFoundPage("page of the history") }
            do {
                return try await cached("history/\(page)", request) {
                    let since = clock.now.addingTimeInterval(-TimeInterval(settings.historyDays) * 86_400)
                    let (incidents, total) = try await store.publicHistory(since: since, offset: (page - 1) * Self.historyPageSize, limit: Self.historyPageSize)
                    let pages = (total + Self.historyPageSize - 1) / Self.historyPageSize
                    // Page 1 is there even with nothing to list.
                    guard page <= max(pages, 1) else { throw UnknownIncident() }
                    let changed = try await lastChange(incidents)
                    return document(renderer.historyPage(incidents, page: page, pages: pages, updatedAt: changed), .html, changed)
                }
            } catch is UnknownIncident {
                return notFoundPage("page of the history")
            }
        }
        router.get("/status/incidents/:id") { request, context in
            // `3` is the page, `3.atom` its feed; anything else, or an incident that is not public, is the same 404.
            let raw = context.parameters.get("id") ?? ""
            let isFeed = raw.hasSuffix(".atom")
            let digits = isFeed ? String(raw.dropLast(5)) : raw
            guard let number = Int(digits), number > 0, digits.allSatisfy(\.isASCII) else { return notFoundPage() }
            do {
                return try await cached("incident/\(raw)", request) {
                    guard let incident = try await store.publicIncident(IncidentID(number)) else { throw UnknownIncident() }
                    if isFeed {
                        let atom = feed.atom([incident], title: incident.title, path: "/status/incidents/\(number).atom", now: incident.changedAt)
                        return document(atom, .atom, incident.changedAt)
                    }
                    return document(renderer.incidentPage(incident, updatedAt: incident.changedAt), .html, incident.changedAt)
                }
            } catch is UnknownIncident {
                return notFoundPage()
            }
        }
    }

    /// An incident that is not on the status page (unknown or private, told apart by nobody), or a page of the
    /// history past its last.
    private struct UnknownIncident: Error {}

    /// The 404 a person reads in a browser, with the way back, not a JSON error.
    private func notFoundPage(_ what: String = "incident") -> Response {
        let name = feed.escape(settings.name)
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · \(name)</title></head>
            <body><h1>No such \(what) on this status page</h1><p><a href="/status">Back to \(name)</a></p></body></html>
            """
        return Response(status: .notFound, headers: [.contentType: MediaType.html.rawValue], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The answer from the document rendered for the public view's current version (and the current minute, as the
    /// lists' time windows move), rendering it on the first request.
    private func cached(_ key: String, _ request: Request, render: @escaping @Sendable () async throws -> StatusDocument) async throws -> Response {
        let version = try await store.publicViewVersion()
        let minute = Int(clock.now.timeIntervalSince1970 / 60)
        return try await cache.document("\(key)@\(minute)", version: version, render: render).response(to: request, maxAge: maxAge, now: clock.now)
    }

    /// Open public incidents and those resolved within the page's recent days: one indexed read of the public view.
    private func current() async throws -> [PublicIncident] {
        try await store.publicIncidents(resolvedSince: clock.now.addingTimeInterval(-TimeInterval(settings.recentDays) * 86_400))
    }

    /// The last time anything shown changed: an incident's view, or an incident taken off the page, which no view left
    /// says (`Last-Modified` would go back in time, and a cache revalidating by date would keep the incident). Pages
    /// say "updated" with it, so their bytes (and `ETag`) depend only on what they show, not on when they were asked for.
    private func lastChange(_ incidents: [PublicIncident]) async throws -> Date? {
        let hidden = try await store.setting(SQLIncidentStore.publicViewHiddenAt).flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:))
        return (incidents.map(\.changedAt) + [hidden].compactMap { $0 }).max()
    }

    private func document(_ text: String, _ type: MediaType, _ changed: Date?) -> StatusDocument {
        StatusDocument(text, contentType: type.rawValue, lastModified: changed ?? Self.epoch)
    }

    /// A fixed time for a page that has never shown an incident.
    static let epoch = Date(timeIntervalSince1970: 1_767_225_600)

    enum MediaType: String {
        case html = "text/html; charset=utf-8"
        case json = "application/json"
        case atom = "application/atom+xml; charset=utf-8"
    }
}
