/// What the public status page shows and how: the product's components, its name and time zone, how far back
/// resolved incidents are listed. The policy's `public_status`; a policy without it gets `standard`.
public struct PublicStatusPolicy: Codable, Sendable, Equatable {
    /// The page's title.
    public var name: String
    /// An IANA time zone (`Europe/Berlin`) the page shows times in.
    public var timeZone: String
    public var components: [StatusComponent]
    /// How many days of resolved incidents the front page lists below the open ones.
    public var recentDays: Int
    /// How many days of resolved incidents `/status/history` covers by default.
    public var historyDays: Int
    /// The role emailed when a public incident is declared and resolved (the playbook's "to team email (if public
    /// incident)"); `nil` emails no one.
    public var teamEmail: String?
    /// Klaxon component ids → Atlassian Statuspage component ids, for the optional Statuspage sync; a component not
    /// listed is not shown there.
    public var statuspageComponents: [String: String]
    /// The role `/incident notify customers` emails (a list address for affected users); `nil`: customers are never
    /// emailed.
    public var customers: String?
    /// Where the page is published (`https://status.example.com`), for links in messages; `KLAXON_PUBLIC_URL` sets it.
    public var url: String?

    enum CodingKeys: String, CodingKey {
        case name, components, customers, url
        case timeZone = "time_zone"
        case recentDays = "recent_days"
        case historyDays = "history_days"
        case teamEmail = "team_email"
        case statuspageComponents = "statuspage_components"
    }

    public init(
        name: String, timeZone: String, components: [StatusComponent], recentDays: Int = 7, historyDays: Int = 90, teamEmail: String? = nil,
        statuspageComponents: [String: String] = [:], customers: String? = nil, url: String? = nil
    ) {
        self.teamEmail = teamEmail
        self.statuspageComponents = statuspageComponents
        self.customers = customers
        self.url = url
        self.name = name
        self.timeZone = timeZone
        self.components = components
        self.recentDays = recentDays
        self.historyDays = historyDays
    }

    /// Everything but the components may be left out of a policy file.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = PublicStatusPolicy.standard
        self.init(
            name: try container.decodeIfPresent(String.self, forKey: .name) ?? standard.name,
            timeZone: try container.decodeIfPresent(String.self, forKey: .timeZone) ?? standard.timeZone,
            components: try container.decodeIfPresent([StatusComponent].self, forKey: .components) ?? standard.components,
            recentDays: try container.decodeIfPresent(Int.self, forKey: .recentDays) ?? standard.recentDays,
            historyDays: try container.decodeIfPresent(Int.self, forKey: .historyDays) ?? standard.historyDays,
            teamEmail: try container.decodeIfPresent(String.self, forKey: .teamEmail),
            statuspageComponents: try container.decodeIfPresent([String: String].self, forKey: .statuspageComponents) ?? [:],
            customers: try container.decodeIfPresent(String.self, forKey: .customers),
            url: try container.decodeIfPresent(String.self, forKey: .url).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        )
    }

    /// The playbook's examples of what breaks (its P1 and P2 lists), grouped where it helps.
    public static let standard = PublicStatusPolicy(
        name: "Service status", timeZone: "UTC",
        components: [
            StatusComponent(id: "web", name: "Web app"),
            StatusComponent(id: "auth", name: "Authentication"),
            StatusComponent(id: "payments", name: "Payments"),
            StatusComponent(id: "email", name: "Email"),
            StatusComponent(id: "custom-domains", name: "Custom domains"),
            StatusComponent(id: "uploads", name: "Uploads", group: "Files"),
            StatusComponent(id: "downloads", name: "Downloads", group: "Files"),
            StatusComponent(id: "storage", name: "Storage", group: "Files"),
            StatusComponent(id: "ocr", name: "OCR", group: "Files"),
        ]
    )

    /// The address of an incident's public page, when the page's address is known.
    public func incidentURL(_ id: IncidentID) -> String? {
        url.map { "\($0)/status/incidents/\(id.rawValue)" }
    }

    /// The component with this id or name (`auth`, `Authentication`), ignoring case.
    public func component(named word: String) -> StatusComponent? {
        let wanted = word.lowercased()
        return components.first { $0.id == wanted || $0.name.lowercased() == wanted }
            ?? components.first { $0.name.lowercased().hasPrefix(wanted) && wanted.count >= 3 }
    }
}

/// A part of the product users see on the status page.
public struct StatusComponent: Codable, Sendable, Equatable {
    /// What commands and the Statuspage map use: lowercase, no spaces.
    public let id: String
    public let name: String
    /// The heading it is listed under, if any.
    public let group: String?

    public init(id: String, name: String, group: String? = nil) {
        self.id = id
        self.name = name
        self.group = group
    }
}
