import Foundation
import KlaxonCore

/// The written incident report: the timeline and the facts gathered for the review, as Markdown, from the template
/// the policy names for the incident's severity (`review.report`), which an operator can replace.
public struct IncidentReport: Sendable {
    public let policy: Policy
    let renderer: MessageRenderer
    let facts: MessageFacts

    public init(policy: Policy, templates: TemplateSet) throws(PolicyErrors) {
        self.policy = policy
        let dialect = MarkdownDocumentDialect()
        renderer = try MessageRenderer(policy: policy, templates: templates, dialect: dialect)
        facts = MessageFacts(policy: policy, dialect: dialect)
    }

    /// The report as of `now` (which only matters while the incident is open).
    public func markdown(_ incident: Incident, now: Date) -> String {
        renderer.render(template: policy[incident.severity].review.reportTemplate, facts.report(incident, now: now)) + "\n"
    }

    /// `YYYY-MM-DD-<id>-<slug>.md`: the declaration day, the number and the title in lowercase words.
    public static func fileName(_ incident: Incident) -> String {
        let day = TimeText.dateTime(incident.declaredAt).prefix(10)
        var slug = ""
        for character in incident.title.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
            if slug.count >= 60 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "\(day)-\(incident.id.rawValue)" + (slug.isEmpty ? "" : "-\(slug)") + ".md"
    }
}
