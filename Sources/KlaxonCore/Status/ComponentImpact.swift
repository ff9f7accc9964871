/// How badly a product component is affected, in Atlassian Statuspage's words (so `status.json` readers know them).
public enum ComponentImpact: String, CaseIterable, Codable, Sendable, Comparable {
    case operational
    case degraded = "degraded_performance"
    case partial = "partial_outage"
    case major = "major_outage"

    /// The impact a severity implies when `/incident affects` names no level.
    public static func implied(by severity: Severity) -> ComponentImpact {
        switch severity {
        case .p0: .major
        case .p1: .partial
        case .p2, .p3: .degraded
        }
    }

    /// The word typed in `/incident affects`: `degraded`, `partial` or `major` (or the Statuspage name).
    public init?(word: String) {
        switch word.lowercased() {
        case "degraded", "degraded_performance": self = .degraded
        case "partial", "partial_outage": self = .partial
        case "major", "major_outage": self = .major
        case "operational": self = .operational
        default: return nil
        }
    }

    /// For people: "Degraded performance".
    public var label: String {
        switch self {
        case .operational: "Operational"
        case .degraded: "Degraded performance"
        case .partial: "Partial outage"
        case .major: "Major outage"
        }
    }

    public static func < (lhs: ComponentImpact, rhs: ComponentImpact) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One component an incident affects, and how.
public struct AffectedComponent: Codable, Sendable, Equatable {
    public let id: String
    public let impact: ComponentImpact

    public init(id: String, impact: ComponentImpact) {
        self.id = id
        self.impact = impact
    }
}
