/// An interaction as Discord posts it: only the fields Klaxon reads. Raw JSON stays inside this adapter.
struct InteractionPayload: Decodable {
    let id: String
    let applicationID: String?
    /// The interaction's token, for a follow-up through its webhook.
    let token: String?
    let type: Int
    let channelID: String?
    let channel: Channel?
    let member: Member?
    let user: User?
    let data: InteractionDataPayload?

    enum CodingKeys: String, CodingKey {
        case id, type, channel, member, user, data, token
        case applicationID = "application_id"
        case channelID = "channel_id"
    }

    /// The channel the interaction came from.
    struct Channel: Decodable {
        let id: String
        let name: String?
        let type: Int?
        /// For a thread, the channel it is in.
        let parentID: String?

        enum CodingKeys: String, CodingKey {
            case id, name, type
            case parentID = "parent_id"
        }

        /// Discord's thread types: announcement, public and private threads.
        static let threadTypes: Set<Int> = [10, 11, 12]

        /// The channel a command here is about: a thread's own channel, as an incident's thread (the one its alert
        /// opened) is where its responders type, and the incident is the channel's.
        var incidentsChannel: String? {
            guard let type, Self.threadTypes.contains(type), let parentID else { return nil }
            return parentID
        }
    }

    /// The guild member who sent it (in a server).
    struct Member: Decodable {
        let user: User?
        let nick: String?
    }

    /// A Discord user.
    struct User: Decodable {
        let id: String
        let username: String?
        let globalName: String?

        enum CodingKeys: String, CodingKey {
            case id, username
            case globalName = "global_name"
        }

        /// The name people see: the display name, else the username.
        var displayName: String? { globalName ?? username }
    }
}

/// The `data` of an interaction: a command's options, a component's `custom_id` and values, or a modal's fields.
struct InteractionDataPayload: Decodable {
    let name: String?
    let options: [OptionPayload]?
    let resolved: Resolved?
    let customID: String?
    let values: [String]?
    let components: [ComponentPayload]?

    enum CodingKeys: String, CodingKey {
        case name, options, resolved, values, components
        case customID = "custom_id"
    }

    /// The users that user options name.
    struct Resolved: Decodable {
        let users: [String: InteractionPayload.User]?
    }
}

/// One option of a command: a subcommand (with its own options) or a value.
struct OptionPayload: Decodable {
    let name: String
    let type: Int
    let value: Value?
    let options: [OptionPayload]?
    let focused: Bool?

    /// A string, boolean or number option value.
    enum Value: Decodable, Equatable {
        case string(String)
        case bool(Bool)
        case number(Double)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else {
                self = .number(try container.decode(Double.self))
            }
        }

        var text: String {
            switch self {
            case .string(let text): text
            case .bool(let flag): String(flag)
            // Untrusted: `Int(exactly:)` is nil past Int's range where `Int(_:)` would trap; the number is then shown as
            // sent and refused by the option it was given for.
            case .number(let number): Int(exactly: number).map(String.init) ?? String(number)
            }
        }
    }
}

/// A component in a submitted modal: an action row or label holding a text input, or the input itself.
struct ComponentPayload: Decodable {
    let type: Int
    let customID: String?
    let value: String?
    /// Children: an action row's `components` or a label's single `component`.
    let children: [ComponentPayload]

    enum CodingKeys: String, CodingKey {
        case type, value, components, component
        case customID = "custom_id"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(Int.self, forKey: .type)
        customID = try container.decodeIfPresent(String.self, forKey: .customID)
        value = try container.decodeIfPresent(String.self, forKey: .value)
        let single = try container.decodeIfPresent(ComponentPayload.self, forKey: .component)
        children = try (container.decodeIfPresent([ComponentPayload].self, forKey: .components) ?? []) + (single.map { [$0] } ?? [])
    }

    /// The value of the text input with this id, wherever it is nested.
    func value(of id: String) -> String? {
        if customID == id, let value { return value }
        return children.lazy.compactMap { $0.value(of: id) }.first
    }
}
