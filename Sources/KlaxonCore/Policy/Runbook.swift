/// A scenario runbook: symptoms, what to do now, and how to prevent it.
public struct Runbook: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var aliases: [String]
    public var symptoms: [String]
    public var steps: [String]
    public var rootCause: [String]
    public var prevention: [String]

    enum CodingKeys: String, CodingKey {
        case id, title, aliases, symptoms, steps, prevention
        case rootCause = "root_cause"
    }

    public init(id: String, title: String, aliases: [String] = [], symptoms: [String] = [], steps: [String] = [], rootCause: [String] = [], prevention: [String] = []) {
        self.id = id
        self.title = title
        self.aliases = aliases
        self.symptoms = symptoms
        self.steps = steps
        self.rootCause = rootCause
        self.prevention = prevention
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        symptoms = try container.decodeIfPresent([String].self, forKey: .symptoms) ?? []
        steps = try container.decodeIfPresent([String].self, forKey: .steps) ?? []
        rootCause = try container.decodeIfPresent([String].self, forKey: .rootCause) ?? []
        prevention = try container.decodeIfPresent([String].self, forKey: .prevention) ?? []
    }
}
