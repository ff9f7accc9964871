/// What a bulk overwrite changes, by command and `/incident` subcommand, for `klaxon commands register discord`.
public struct DiscordCommandChanges: Sendable, Equatable {
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []
    public var unchanged: [String] = []

    public init(added: [String] = [], changed: [String] = [], removed: [String] = [], unchanged: [String] = []) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.unchanged = unchanged
    }

    /// Compares what is registered with what will be.
    public init(registered: [DiscordApplicationCommand], desired: [DiscordApplicationCommand]) {
        let before = Dictionary(registered.map { ($0.name, $0.normalized) }, uniquingKeysWith: { first, _ in first })
        for command in desired.map(\.normalized) {
            guard let old = before[command.name] else {
                added.append("/\(command.name)")
                continue
            }
            compare(old.options ?? [], command.options ?? [], prefix: "/\(command.name)")
            if old.description != command.description { changed.append("/\(command.name) (description)") }
        }
        let desiredNames = Set(desired.map(\.name))
        removed += registered.map(\.name).filter { !desiredNames.contains($0) }.map { "/\($0)" }
    }

    private mutating func compare(_ old: [DiscordApplicationCommand.Option], _ new: [DiscordApplicationCommand.Option], prefix: String) {
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for option in new {
            let name = "\(prefix) \(option.name)"
            switch before[option.name] {
            case nil: added.append(name)
            case option?: unchanged.append(name)
            default: changed.append(name)
            }
        }
        let newNames = Set(new.map(\.name))
        removed += old.map(\.name).filter { !newNames.contains($0) }.map { "\(prefix) \($0)" }
    }

    /// Whether the overwrite changes anything.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// One line per change, then a count of what stays.
    public var summary: String {
        var lines = added.map { "+ \($0)" } + changed.map { "~ \($0)" } + removed.map { "- \($0)" }
        if lines.isEmpty { lines.append("No changes.") }
        lines.append("\(unchanged.count) unchanged.")
        return lines.joined(separator: "\n")
    }
}
