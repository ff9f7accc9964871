import Foundation
import KlaxonCore

/// An Atom feed (RFC 4287) with one entry per public update, never one per incident, so a reader sees each change.
/// Entry ids are tag URIs made of the incident (its number and the moment it was declared, to the millisecond) and
/// the event that made the update: stable across restarts, replicas and a change of the page's address, and never
/// another install's or an earlier database's incident #1 (a reader following two companies' pages, or a page whose
/// store was started afresh, took those for updates it had already shown).
public struct StatusFeed: Sendable {
    public let facts: StatusPageFacts

    public init(facts: StatusPageFacts) {
        self.facts = facts
    }

    /// The feed of these incidents' updates, newest first; `path` is where the feed itself is served.
    public func atom(_ incidents: [PublicIncident], title: String, path: String, now: Date) -> String {
        let entries = incidents.flatMap { incident in incident.updates.map { (incident, $0) } }
            .sorted { ($0.1.at, $0.0.id.rawValue, $0.1.sequence) > ($1.1.at, $1.0.id.rawValue, $1.1.sequence) }
        // The latest of the entries and `now` (when the page last changed: a retitle, an incident taken off it), so the
        // feed's date never goes back in time.
        let updated = max(entries.first?.1.at ?? .distantPast, incidents.map(\.changedAt).max() ?? .distantPast, now)
        // The page the feed follows: an incident's feed, its own page; the page's feed, the page.
        let page = path != "/status.atom" && path.hasSuffix(".atom") ? String(path.dropLast(".atom".count)) : "/status"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <id>\(escape(feedID(path)))</id>
        <title>\(escape(title))</title>
        <updated>\(StatusPageFacts.iso(updated))</updated>
        <author><name>\(escape(facts.settings.name))</name></author>
        <link rel="self" type="application/atom+xml" href="\(escape(facts.url(path)))"/>
        <link rel="alternate" type="text/html" href="\(escape(facts.url(page)))"/>

        """
        for (incident, update) in entries {
            let link = facts.url("/status/incidents/\(incident.id.rawValue)")
            xml += """
            <entry>
            <id>\(escape(entryID(incident, update)))</id>
            <title>\(escape("\(incident.title): \(update.status.title)"))</title>
            <updated>\(StatusPageFacts.iso(max(update.at, incident.titledAt ?? update.at)))</updated>
            <link rel="alternate" type="text/html" href="\(escape(link))"/>
            <content type="text">\(escape(facts.text(of: update)))</content>
            </entry>

            """
        }
        return xml + "</feed>\n"
    }

    /// A feed's id: a tag URI for its path.
    private func feedID(_ path: String) -> String {
        "tag:klaxon,2026:" + path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    private func entryID(_ incident: PublicIncident, _ update: PublicUpdate) -> String {
        let declared = Int64((incident.declaredAt.timeIntervalSince1970 * 1000).rounded())
        return "tag:klaxon,2026:incident-\(incident.id.rawValue)-\(declared)/update-\(update.sequence)"
    }

    /// XML text: the five special characters, and no control character XML 1.0 forbids.
    public func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
