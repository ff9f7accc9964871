/// The public status-page lifecycle: Investigating → Identified → Monitoring → Resolved.
public enum StatusPhase: String, CaseIterable, Codable, Sendable, Comparable {
    case investigating, identified, monitoring, resolved

    /// Capitalised for people: "Investigating".
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (lhs: StatusPhase, rhs: StatusPhase) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
