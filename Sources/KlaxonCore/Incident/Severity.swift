/// How bad an incident is, from P0 (critical, all hands) to P3 (low, normal troubleshooting).
public enum Severity: String, CaseIterable, Codable, Sendable, Comparable, CodingKeyRepresentable {
    case p0, p1, p2, p3

    /// The label people type and read: "P0".
    public var label: String { rawValue.uppercased() }

    /// P0 sorts first: it is the most severe.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .p0: 0
        case .p1: 1
        case .p2: 2
        case .p3: 3
        }
    }

    /// Accepts `p0`, `P0`, `sev0`, `0`.
    public init?(text: String) {
        var lowered = text.lowercased()
        if lowered.hasPrefix("sev") { lowered = "p" + lowered.dropFirst(3) }
        if lowered.count == 1 { lowered = "p" + lowered }
        self.init(rawValue: lowered)
    }
}
