/// The values of a command's typed options, by option name, as platforms with typed options (Discord) send them.
public struct CommandArguments: Sendable, Equatable {
    /// One option's value.
    public enum Value: Sendable, Equatable {
        case text(String)
        case flag(Bool)
        case person(Participant)
    }

    public var values: [String: Value]

    public init(_ values: [String: Value] = [:]) {
        self.values = values
    }

    /// A text value, trimmed; `nil` when absent or blank.
    public func text(_ name: String) -> String? {
        guard case .text(let raw)? = values[name] else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// A flag's value; absent means false.
    public func flag(_ name: String) -> Bool {
        if case .flag(let value)? = values[name] { return value }
        if case .text(let text)? = values[name] { return ["true", "yes", "1"].contains(text.lowercased()) }
        return false
    }

    /// A person's value.
    public func person(_ name: String) -> Participant? {
        if case .person(let person)? = values[name] { return person }
        return nil
    }
}
