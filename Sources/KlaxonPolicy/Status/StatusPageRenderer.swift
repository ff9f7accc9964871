import Foundation
import KlaxonCore
import Mustache

/// Renders the public status page: HTML from the `status-*` templates (HTML-escaped), Statuspage-shaped JSON, and
/// Atom feeds with one entry per public update.
public struct StatusPageRenderer: Sendable {
    public let facts: StatusPageFacts
    private let library: MustacheLibrary

    /// Compiles the status templates of the set; one that does not compile is reported with its origin.
    public init(policy: Policy, templates: TemplateSet, baseURL: String) throws(PolicyErrors) {
        var library = MustacheLibrary()
        var errors: [PolicyError] = []
        for (name, source) in templates.sources where name.hasPrefix("status-") {
            do {
                library.register(try MustacheTemplate(string: source), named: name)
            } catch {
                errors.append(PolicyError(file: templates.origin(of: name), line: nil, problem: "template does not compile: \(error)"))
            }
        }
        guard errors.isEmpty else { throw PolicyErrors(errors: errors) }
        self.library = library
        // The default texts are plain text: rendered once here, escaped where they are used.
        let texts = Dictionary(uniqueKeysWithValues: StatusPhase.allCases.map { phase in
            (phase, (library.render([String: Any](), withTemplate: "status-\(phase.rawValue)") ?? phase.title)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        })
        let withdrawn = (library.render([String: Any](), withTemplate: "status-withdrawn") ?? StatusPhase.resolved.title)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        self.facts = StatusPageFacts(settings: policy.statusPageSettings, baseURL: baseURL) { update in
            update.withdrawn ? withdrawn : texts[update.status] ?? update.status.title
        }
    }

    /// `GET /status`: open incidents and those resolved lately.
    public func frontPage(_ incidents: [PublicIncident], updatedAt: Date?) -> String {
        render("status-page", facts.front(incidents, updatedAt: updatedAt))
    }

    /// `GET /status/incidents/{id}`.
    public func incidentPage(_ incident: PublicIncident, updatedAt: Date?) -> String {
        render("status-incident", facts.page(title: incident.title, updatedAt: updatedAt).merging(["incident": facts.incident(incident)]) { _, new in new })
    }

    /// `GET /status/history`, one page of it.
    public func historyPage(_ incidents: [PublicIncident], page: Int, pages: Int, updatedAt: Date?) -> String {
        var context = facts.page(title: "History", updatedAt: updatedAt)
        context["incidents"] = incidents.map(facts.incident)
        context["page"] = page
        context["pages"] = max(pages, 1)
        if page > 1 { context["newerURL"] = facts.url("/status/history?page=\(page - 1)") }
        if page < pages { context["olderURL"] = facts.url("/status/history?page=\(page + 1)") }
        return render("status-history", context)
    }

    private func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
