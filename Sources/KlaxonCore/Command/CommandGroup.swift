/// A family of commands that platforms with nested commands list together (Discord's subcommand groups).
public struct CommandGroup: Sendable, Equatable, Hashable {
    /// As typed: lowercase, no spaces (`page`).
    public let name: String
    /// One plain line, at most 100 characters.
    public let description: String

    public init(name: String, description: String) {
        self.name = name
        self.description = description
    }
}
