/// Who a Discord message may notify. Klaxon sets it on every message, so user text can never ping anyone.
public struct DiscordAllowedMentions: Encodable, Sendable, Equatable {
    /// `["everyone"]` for the P0 alert only; empty otherwise.
    public let parse: [String]
    public let users: [String]
    public let roles: [String]

    /// Nobody: for answers only the sender sees.
    public static let none = DiscordAllowedMentions(parse: [], users: [], roles: [])

    public init(parse: [String], users: [String], roles: [String]) {
        self.parse = parse
        self.users = users
        self.roles = roles
    }

    /// The users and roles the dialect mentioned in `content` (`<@id>`, `<@&id>`), and `@everyone` when allowed.
    ///
    /// User text cannot add to them: the dialect escapes its `<` as `\<`, and mentions after a backslash are skipped.
    public init(content: String, everyone: Bool) {
        var users: [String] = []
        var roles: [String] = []
        let characters = Array(content)
        var index = 0
        while index < characters.count {
            defer { index += 1 }
            guard characters[index] == "<", index + 1 < characters.count, characters[index + 1] == "@",
                index == 0 || characters[index - 1] != "\\"
            else { continue }
            var cursor = index + 2
            let isRole = cursor < characters.count && characters[cursor] == "&"
            if isRole { cursor += 1 }
            let digits = characters[cursor...].prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, cursor + digits.count < characters.count, characters[cursor + digits.count] == ">" else { continue }
            let id = String(digits)
            if isRole { if !roles.contains(id) { roles.append(id) } } else if !users.contains(id) { users.append(id) }
        }
        // Discord accepts at most 100 of each.
        self.init(parse: everyone ? ["everyone"] : [], users: Array(users.prefix(100)), roles: Array(roles.prefix(100)))
    }
}
