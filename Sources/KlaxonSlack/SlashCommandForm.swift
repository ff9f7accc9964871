import Foundation

/// What a Slack-format slash-command endpoint was sent, decoded once: Slack's `ssl_check` probe or a command.
public enum SlashCommandForm: Sendable, Equatable {
    /// Slack checking the endpoint's certificate; it carries no command and is answered with an empty 200.
    case sslCheck
    /// A command typed by someone.
    case command(SlackCommandRequest)

    /// Decodes an `application/x-www-form-urlencoded` body.
    public init(body: some DataProtocol) throws(SlackCommandRequest.Failure) {
        let fields = try SlashCommandFields(body: body)
        if fields.sslCheck == "1" {
            self = .sslCheck
        } else {
            self = .command(try SlackCommandRequest(fields: fields))
        }
    }
}
