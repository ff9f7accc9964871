import Foundation
import KlaxonCore
import KlaxonPolicy

/// Turns what came of a command into Discord's interaction response: announcements in the channel (with the incident's
/// controls on its alert), everything else visible to the sender only; explicit `allowed_mentions` on every message.
/// A class for the reason `SlackResponder` is one: copies of a renderer and a composer are dear.
public final class DiscordResponder: Sendable {
    public let renderer: MessageRenderer
    private let composer: ReplyComposer

    public init(renderer: MessageRenderer) {
        self.renderer = renderer
        self.composer = ReplyComposer(renderer: renderer, maxLength: DiscordMessage.maxLength)
    }

    /// The response for an outcome, as of `now`. An announcement too long for one message is posted whole: the
    /// response holds its first part, and the rest follow (without a bot, the response is all the channel sees).
    public func response(to outcome: CommandOutcome, now: Date) -> DiscordInteractionResponse {
        respond(to: outcome, now: now, privately: false)
    }

    /// The same answer shown to the sender only, for when announcements reach the channel another way (whole, from
    /// the bot): cut to one message.
    public func privateResponse(to outcome: CommandOutcome, now: Date) -> DiscordInteractionResponse {
        respond(to: outcome, now: now, privately: true)
    }

    private func respond(to outcome: CommandOutcome, now: Date, privately: Bool) -> DiscordInteractionResponse {
        if case .help(let spec) = outcome {
            return .message(DiscordMessage(content: renderer.render(.help, DiscordCommandSyntax.helpFacts(spec)), ephemeral: true, allowedMentions: .none))
        }
        if case .helpGroup(let group) = outcome {
            return .message(DiscordMessage(content: renderer.render(.help, DiscordCommandSyntax.helpFacts(group)), ephemeral: true, allowedMentions: .none))
        }
        let reply = composer.reply(to: outcome, now: now)
        guard reply.visibility == .channel else {
            return .message(DiscordMessage(content: reply.text, ephemeral: true, allowedMentions: .none))
        }
        let controls = reply.announced.first { $0.kind == .initialAlert }.map { DiscordComponent.incidentControls($0.incident) }
        if privately { return .message(DiscordMessage(content: reply.text, ephemeral: true, allowedMentions: .none, components: controls)) }
        // The policy pings the whole channel only for the P0 alert (and an escalation into P0).
        let everyone = reply.announced.contains { $0.audience.contains(.channel) }
        let messages = MessageSplitter.split(reply.text, limit: DiscordMessage.maxLength).enumerated().map { index, part in
            DiscordMessage(
                content: part, ephemeral: false, allowedMentions: DiscordAllowedMentions(content: part, everyone: everyone),
                components: index == 0 ? controls : nil
            )
        }
        return DiscordInteractionResponse(.message, .message(messages[0]), followUps: Array(messages.dropFirst()))
    }

    /// Suggestions for the option being typed: open incidents (and, for a command that acts on resolved ones too,
    /// `resolved`, the latest resolved), the policy's runbooks, or the commands.
    public func suggestions(for query: DiscordAutocompleteQuery, openIncidents: [Incident], resolved: [Incident] = []) -> DiscordInteractionResponse {
        let typed = query.typed.trimmingCharacters(in: .whitespaces).lowercased()
        let number = typed.hasPrefix("#") ? String(typed.dropFirst()) : typed
        let choices: [DiscordChoice]
        switch query.suggestions {
        case .incidents:
            func matches(_ incident: Incident) -> Bool {
                typed.isEmpty || String(incident.id.rawValue).hasPrefix(number) || incident.title.lowercased().contains(typed)
            }
            let open = openIncidents.filter(matches).sorted { ($0.severity, $1.id) < ($1.severity, $0.id) }
            // Open ones first, most severe first; then resolved ones, newest first.
            let closed = CommandCatalogue.actOnResolved.contains(query.command) ? resolved.filter(matches).sorted { $0.id > $1.id } : []
            // Choices are plain text: a title typed on Slack with a mention reads as its name.
            choices = open.map { DiscordChoice(name: "\($0.id) \($0.severity.label) \(ChatMarkup.readable($0.title))", value: $0.id.description) }
                + closed.map { DiscordChoice(name: "\($0.id) \($0.severity.label) \(ChatMarkup.readable($0.title)) (resolved)", value: $0.id.description) }
        case .runbooks:
            choices = renderer.policy.runbooks
                .filter { typed.isEmpty || ([$0.id, $0.title.lowercased()] + $0.aliases).contains { $0.contains(typed) } }
                .map { DiscordChoice(name: "\($0.title) (\($0.id))", value: $0.id) }
        case .commands:
            // A group by its name (`help command:page`), then its commands.
            choices = CommandGroup.all.filter { !typed.isEmpty && $0.name.hasPrefix(typed) }
                .map { DiscordChoice(name: "\($0.name) · \($0.description)", value: $0.name) }
                + CommandCatalogue.all
                .filter { typed.isEmpty || $0.name.hasPrefix(typed) || $0.group?.name.hasPrefix(typed) == true }
                .map { DiscordChoice(name: (DiscordCommandSyntax.path($0).dropFirst() + ["·", $0.brief]).joined(separator: " "), value: $0.name) }
        case nil:
            choices = []
        }
        // Discord shows at most 25.
        return DiscordInteractionResponse(.choices, .choices(Array(choices.prefix(25))))
    }

    /// The answer to a refused interaction, for the sender only.
    public func refusal(_ rejection: CommandRejection, now: Date) -> DiscordInteractionResponse {
        response(to: .rejected(rejection), now: now)
    }
}
