/// An application command as Discord's bulk-overwrite endpoint takes it and its list endpoint returns it (the fields
/// Klaxon sets; others Discord adds are ignored).
public struct DiscordApplicationCommand: Codable, Sendable, Equatable {
    public var name: String
    public var description: String
    public var type: Int?
    public var options: [Option]?

    /// A subcommand or a typed option (3 string, 5 boolean, 6 user; 1 subcommand).
    public struct Option: Codable, Sendable, Equatable {
        public var type: Int
        public var name: String
        public var description: String
        public var required: Bool?
        public var choices: [Choice]?
        public var autocomplete: Bool?
        public var options: [Option]?

        public init(
            type: Int, name: String, description: String, required: Bool? = nil, choices: [Choice]? = nil, autocomplete: Bool? = nil,
            options: [Option]? = nil
        ) {
            self.type = type
            self.name = name
            self.description = description
            self.required = required
            self.choices = choices
            self.autocomplete = autocomplete
            self.options = options
        }

        /// The option as Discord compares it: absent and `false`, absent and empty, are the same.
        var normalized: Option {
            var copy = self
            copy.required = required == true ? true : nil
            copy.autocomplete = autocomplete == true ? true : nil
            copy.choices = choices?.isEmpty == false ? choices : nil
            copy.options = options?.isEmpty == false ? options?.map(\.normalized) : nil
            return copy
        }
    }

    /// One fixed value of a string option.
    public struct Choice: Codable, Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(name: String, description: String, options: [Option]) {
        self.name = name
        self.description = description
        self.type = 1
        self.options = options
    }

    /// The command as Discord compares it.
    public var normalized: DiscordApplicationCommand {
        var copy = self
        copy.type = type ?? 1
        copy.options = options?.isEmpty == false ? options?.map(\.normalized) : nil
        return copy
    }
}
