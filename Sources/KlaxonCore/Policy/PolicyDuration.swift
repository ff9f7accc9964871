import Foundation

/// A span of time written in a policy as `15m`, `2h`, `1h30m` or `90s`.
public struct PolicyDuration: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Whole seconds; may be negative only so that validation can reject it with a clear message.
    public let seconds: Int

    public init(seconds: Int) { self.seconds = seconds }
    public static func minutes(_ m: Int) -> PolicyDuration { .init(seconds: m * 60) }
    public static func hours(_ h: Int) -> PolicyDuration { .init(seconds: h * 3600) }

    /// Parses `15m`, `2h`, `1h30m`, `45s`, `1d`, with an optional leading `-`.
    public init?(text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        var total = 0
        var digits = ""
        var sawUnit = false
        for character in rest {
            if character.isNumber {
                digits.append(character)
                continue
            }
            guard let value = Int(digits) else { return nil }
            let unit = switch character {
            case "d": 86_400
            case "h": 3600
            case "m": 60
            case "s": 1
            default: 0
            }
            // An absurd number is not a duration, not a crash.
            let (seconds, overflow) = value.multipliedReportingOverflow(by: unit)
            guard unit > 0, !overflow else { return nil }
            let (sum, sumOverflow) = total.addingReportingOverflow(seconds)
            guard !sumOverflow else { return nil }
            total = sum
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit else { return nil }
        self.seconds = negative ? -total : total
    }

    /// The shortest spelling: `15m`, `2h`, `1h30m`.
    public var description: String {
        if seconds == 0 { return "0m" }
        var rest = abs(seconds)
        var text = seconds < 0 ? "-" : ""
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }

    /// Human wording: "15 minutes", "2 hours", "1 hour 30 minutes".
    public var spoken: String {
        var parts: [String] = []
        var rest = abs(seconds)
        // Days only past two of them: "24 hours" reads better than "1 day" in a playbook.
        let units = rest >= 172_800 ? [("day", 86_400), ("hour", 3600), ("minute", 60), ("second", 1)] : [("hour", 3600), ("minute", 60), ("second", 1)]
        for (unit, size) in units where rest >= size {
            let count = rest / size
            parts.append("\(count) \(unit)\(count == 1 ? "" : "s")")
            rest %= size
        }
        return parts.isEmpty ? "0 minutes" : parts.joined(separator: " ")
    }

    public static func < (lhs: PolicyDuration, rhs: PolicyDuration) -> Bool { lhs.seconds < rhs.seconds }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = PolicyDuration(text: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a duration; write it like 15m, 2h or 1h30m"
            )
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
