import Foundation
import KlaxonCore

extension DiscordInteraction {
    /// The platform name in participants and channels.
    public static let platform = Platform.discord
    /// The one application command Klaxon registers.
    public static let commandName = "incident"

    /// Decodes a verified interaction body.
    public init(json body: some DataProtocol) throws(DiscordDecodingError) {
        let payload: InteractionPayload
        do {
            payload = try JSONDecoder().decode(InteractionPayload.self, from: Data(body))
        } catch {
            throw DiscordDecodingError("body is not a Discord interaction")
        }
        self = try Self.interpret(payload)
    }

    private static func interpret(_ payload: InteractionPayload) throws(DiscordDecodingError) -> DiscordInteraction {
        switch payload.type {
        case 1:
            return .ping
        case 2:
            let (name, arguments) = try subcommand(payload)
            return try command(payload) { () throws(CommandRejection) in
                try IncidentCommand(named: name, arguments: CommandArguments(arguments.values))
            }
        case 3:
            guard let data = payload.data, let control = data.customID.flatMap(DiscordControlID.init) else {
                return .refused(.unknownCommand(payload.data?.customID ?? "?"))
            }
            if control.action == .update { return .openForm(.update(control.incident)) }
            // Resolving needs a summary (and the checklist, or a reason to go without it): a menu choice cannot carry them.
            if control.action == .status, data.values?.first == StatusPhase.resolved.rawValue { return .openForm(.resolution(control.incident)) }
            var values: [String: CommandArguments.Value] = ["incident": .text(control.incident.description)]
            if control.action == .status { values["status"] = .text(data.values?.first ?? "") }
            return try command(payload) { () throws(CommandRejection) in
                try IncidentCommand(named: control.action == .status ? "status" : "commander", arguments: CommandArguments(values))
            }
        case 4:
            let (name, arguments) = try subcommand(payload)
            let focused = arguments.focused ?? ("", "")
            return .autocomplete(DiscordAutocompleteQuery(command: name, option: focused.name, typed: focused.value))
        case 5:
            guard let data = payload.data, let control = data.customID.flatMap(DiscordControlID.init), [.updateForm, .resolveForm].contains(control.action) else {
                return .refused(.unknownCommand(payload.data?.customID ?? "?"))
            }
            func field(_ id: String) -> String? { data.components?.lazy.compactMap { $0.value(of: id) }.first }
            var values: [String: CommandArguments.Value] = ["incident": .text(control.incident.description)]
            if control.action == .updateForm {
                values["text"] = .text(field(DiscordControlID.updateField) ?? "")
            } else {
                values["summary"] = .text(field(DiscordControlID.summaryField) ?? "")
                // An empty reason is no reason: the resolution then needs the checklist, as without the field.
                if let force = field(DiscordControlID.forceField), !force.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    values["force"] = .text(force)
                }
            }
            return try command(payload) { () throws(CommandRejection) in
                try IncidentCommand(named: control.action == .updateForm ? "update" : "resolve", arguments: CommandArguments(values))
            }
        default:
            throw DiscordDecodingError("unsupported interaction type \(payload.type)")
        }
    }

    /// Wraps a decided command with its sender and channel, or the refusal.
    private static func command(
        _ payload: InteractionPayload, _ make: () throws(CommandRejection) -> IncidentCommand
    ) throws(DiscordDecodingError) -> DiscordInteraction {
        guard let user = payload.member?.user ?? payload.user, let channelID = payload.channelID ?? payload.channel?.id else {
            throw DiscordDecodingError("interaction without a user or channel")
        }
        do {
            let command = try make()
            let actor = Participant(platform: platform, id: user.id, name: payload.member?.nick ?? user.displayName)
            let parent = payload.channel?.incidentsChannel
            let channel = parent.map { ChannelRef(platform: platform, id: $0, name: nil) }
                ?? ChannelRef(platform: platform, id: channelID, name: payload.channel?.name)
            return .command(DiscordCommand(
                interactionID: payload.id, command: command, actor: actor, channel: channel, token: payload.token, applicationID: payload.applicationID,
                thread: parent == nil ? nil : channelID
            ))
        } catch {
            return .refused(error)
        }
    }

    /// The `/incident` subcommand's name and its options as typed arguments.
    private static func subcommand(_ payload: InteractionPayload) throws(DiscordDecodingError) -> (String, DecodedOptions) {
        guard let data = payload.data, data.name == commandName else { throw DiscordDecodingError("not the /\(commandName) command") }
        // A subcommand, or a group (type 2) holding one: names are unique across groups.
        var first = data.options?.first
        if first?.type == 2 { first = first?.options?.first }
        guard let sub = first, sub.type == 1 else { throw DiscordDecodingError("no /\(commandName) subcommand") }
        var decoded = DecodedOptions()
        for option in sub.options ?? [] {
            guard let value = option.value else { continue }
            if option.focused == true { decoded.focused = (option.name, value.text) }
            switch (option.type, value) {
            case (5, .bool(let flag)):
                decoded.values[option.name] = .flag(flag)
            case (6, _):
                let user = data.resolved?.users?[value.text]
                decoded.values[option.name] = .person(Participant(platform: platform, id: value.text, name: user?.displayName))
            default:
                decoded.values[option.name] = .text(value.text)
            }
        }
        return (sub.name, decoded)
    }
}

/// A subcommand's options, and which one is being typed (autocomplete).
private struct DecodedOptions {
    var values: [String: CommandArguments.Value] = [:]
    var focused: (name: String, value: String)?
}
