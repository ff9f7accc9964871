/// One named argument of a command, as platforms with typed options (Discord) present it.
public struct CommandOption: Sendable, Equatable {
    /// What sort of value the option takes.
    public enum Kind: String, Sendable, Equatable {
        case text
        case flag
        case person
    }

    /// Where live suggestions for the option's value come from, for platforms that autocomplete.
    public enum Suggestions: String, Sendable, Equatable {
        case incidents
        case runbooks
        /// The catalogue's command names, grouped ones too (more than the 25 choices Discord allows).
        case commands
    }

    /// The option's name: lowercase, no spaces (Discord's rule).
    public let name: String
    public let kind: Kind
    public let required: Bool
    /// The only values accepted, when the option is a fixed choice.
    public let choices: [CommandChoice]
    public let description: String
    public let suggestions: Suggestions?
    /// A value used in generated examples.
    public let example: String?

    public init(
        _ name: String, _ kind: Kind = .text, required: Bool = false, choices: [CommandChoice] = [], description: String,
        suggestions: Suggestions? = nil, example: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.choices = choices
        self.description = description
        self.suggestions = suggestions
        self.example = example
    }
}

/// One allowed value of a choice option.
public struct CommandChoice: Sendable, Equatable {
    public let value: String
    /// What people see in a picker.
    public let label: String

    public init(_ value: String, label: String) {
        self.value = value
        self.label = label
    }
}

extension CommandOption {
    /// `incident`: which incident, when it is not the only open one in the channel.
    public static let incident = CommandOption(
        "incident", description: "Which incident, e.g. #3 (default: the only open one in this channel)", suggestions: .incidents
    )

    /// A required free-text option.
    public static func text(_ name: String, _ description: String, example: String) -> CommandOption {
        CommandOption(name, required: true, description: description, example: example)
    }

    /// A severity choice, p0 to p3.
    public static func severity(_ description: String, required: Bool = true, example: String? = nil) -> CommandOption {
        CommandOption(
            "severity", required: required, choices: Severity.allCases.map { CommandChoice($0.rawValue, label: $0.choiceLabel) },
            description: description, example: example
        )
    }
}

extension Severity {
    /// How a severity reads in a picker: "P0 (critical)". The policy says what each means.
    var choiceLabel: String {
        switch self {
        case .p0: "P0 (critical)"
        case .p1: "P1 (major)"
        case .p2: "P2 (moderate)"
        case .p3: "P3 (low)"
        }
    }
}
