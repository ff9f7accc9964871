/// The incident fields Klaxon sends (`POST` and `PATCH /pages/{page_id}/incidents`), made from the public view only.
struct StatuspageFields: Encodable, Sendable, Equatable {
    var name: String
    /// `investigating`, `identified`, `monitoring` or `resolved`.
    var status: String
    /// `none`, `minor`, `major` or `critical`, from the worst component impact; left out once resolved, so the
    /// incident keeps the impact it had.
    var impactOverride: String?
    /// The text of a new incident update; `nil` adds none (components or the title changed, not the text).
    var body: String?
    /// Statuspage component id → `operational`, `degraded_performance`, `partial_outage` or `major_outage`.
    var components: [String: String]
    var marker: StatuspageIncident.Marker

    private enum Keys: String, CodingKey {
        case incident, name, status, body, components, metadata
        case impactOverride = "impact_override"
        case componentIDs = "component_ids"
    }

    private enum MetadataKeys: String, CodingKey { case klaxon }

    /// `{"incident": {…}}`, as the API wants it; no components named leaves the incident's components as they are.
    func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Keys.self)
        var incident = outer.nestedContainer(keyedBy: Keys.self, forKey: .incident)
        try incident.encode(name, forKey: .name)
        try incident.encode(status, forKey: .status)
        try incident.encodeIfPresent(impactOverride, forKey: .impactOverride)
        try incident.encodeIfPresent(body, forKey: .body)
        if !components.isEmpty {
            try incident.encode(components, forKey: .components)
            try incident.encode(components.keys.sorted(), forKey: .componentIDs)
        }
        var metadata = incident.nestedContainer(keyedBy: MetadataKeys.self, forKey: .metadata)
        try metadata.encode(marker, forKey: .klaxon)
    }
}
