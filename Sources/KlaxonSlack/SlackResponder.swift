import Foundation
import KlaxonCore
import KlaxonPolicy

/// Turns what came of a command into Slack's (or Mattermost's) reply: announcements in the channel, everything else ephemeral.
/// A class: the controller hands it to each command's closures, and copying a struct of a renderer and a composer
/// (each holding the policy) retained and released every reference in them, several times a request.
public final class SlackResponder: Sendable {
    public let renderer: MessageRenderer
    private let composer: ReplyComposer
    /// Set for Mattermost, which shares Slack's reply format but parses Slack markup in it unless told not to.
    private let skipSlackParsing: Bool?

    public init(renderer: MessageRenderer) {
        self.renderer = renderer
        self.composer = ReplyComposer(renderer: renderer, maxLength: SlackReply.maxLength)
        self.skipSlackParsing = renderer.dialect is MattermostDialect ? true : nil
    }

    /// The reply for an outcome, as of `now`.
    public func reply(to outcome: CommandOutcome, now: Date) -> SlackReply {
        let reply = composer.reply(to: outcome, now: now)
        return SlackReply(reply.visibility == .channel ? .inChannel : .ephemeral, text: reply.text, skipSlackParsing: skipSlackParsing)
    }

    /// The rendered text of one notice, as it would be posted (local mode prints these).
    public func text(of notice: Notice, incident: Incident, now: Date) -> String {
        composer.text(of: notice, incident: incident, now: now)
    }
}
