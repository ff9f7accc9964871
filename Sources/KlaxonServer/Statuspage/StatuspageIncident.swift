import Foundation
import KlaxonCore

/// An incident as Statuspage answers with it: what the sync reads back.
struct StatuspageIncident: Decodable, Sendable, Equatable {
    let id: String
    let status: String?
    /// Klaxon's marker in the incident's `metadata`, when Klaxon created it.
    let marker: Marker?
    /// The text of its latest incident update (Statuspage lists `incident_updates` newest first).
    let latestUpdate: String?

    /// Names the Klaxon incident a Statuspage incident copies: its number and when it was declared (so a new Klaxon
    /// database that numbers from 1 again never takes an old incident for its own). Kept in `metadata.klaxon`,
    /// which Statuspage stores but does not show.
    struct Marker: Codable, Sendable, Equatable {
        let incident: String
        let declaredAt: String

        init(_ incident: Incident) {
            self.incident = String(incident.id.rawValue)
            declaredAt = incident.declaredAt.formatted(.iso8601)
        }

        enum CodingKeys: String, CodingKey {
            case incident
            case declaredAt = "declared_at"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, metadata
        case updates = "incident_updates"
    }

    private struct Update: Decodable {
        let body: String?
    }

    private struct Metadata: Decodable {
        let klaxon: Marker?

        init(from decoder: any Decoder) throws {
            // Other integrations keep their own objects here, of any shape: only Klaxon's is read.
            klaxon = try? decoder.container(keyedBy: Key.self).decodeIfPresent(Marker.self, forKey: .klaxon)
        }

        enum Key: String, CodingKey { case klaxon }
    }

    init(id: String, status: String?, marker: Marker?, latestUpdate: String? = nil) {
        self.id = id
        self.status = status
        self.marker = marker
        self.latestUpdate = latestUpdate
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try? container.decodeIfPresent(String.self, forKey: .status)
        marker = (try? container.decodeIfPresent(Metadata.self, forKey: .metadata))?.klaxon
        latestUpdate = (try? container.decodeIfPresent([Update].self, forKey: .updates))?.first?.body
    }
}
