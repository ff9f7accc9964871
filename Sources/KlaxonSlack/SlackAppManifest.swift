import Foundation
import KlaxonCore

/// The Slack app manifest for Klaxon, generated from the command catalogue (`commands/slack-app-manifest.yml`).
public enum SlackAppManifest {
    /// The address in the committed manifest; operators put theirs in with `klaxon commands manifest slack --url`.
    public static let exampleURL = "https://klaxon.example.com/slack/commands"

    /// The manifest's YAML, with the slash command pointing at `url`.
    public static func yaml(url: String = exampleURL, catalogue: [CommandSpec] = CommandCatalogue.all) -> String {
        let declare = catalogue.first { $0.name == "declare" }.map { spec in
            "\(spec.aliases.joined(separator: "|")) <title>"
        }
        let hint = ([declare].compactMap { $0 } + catalogue.filter { $0.name != "declare" }.map(\.name)).joined(separator: " · ")
        return """
        # Slack app manifest for Klaxon, generated from the command catalogue: do not edit by hand.
        # Regenerate with `klaxon commands generate`; print one with your address with
        # `klaxon commands manifest slack --url https://your-host`. Create the app at api.slack.com/apps → "From an app manifest".
        display_information:
          name: Klaxon
          description: Incident response from chat - declare, run and review incidents by the playbook.
          background_color: "#b71c1c"
        features:
          bot_user:
            display_name: Klaxon
            always_online: true
          slash_commands:
            - command: /incident
              url: \(quoted(url))
              description: \(quoted(CommandCatalogue.description))
              usage_hint: \(quoted(hint))
              # Mentions arrive as <@U123|name>, so commanders are real user ids.
              should_escape: true
        oauth_config:
          scopes:
            bot:
              - commands
              - chat:write
              - chat:write.public
              # Delivery: DMs to roles (conversations.open) and finding a message after a crash (history).
              - im:write
              - mpim:write
              - channels:history
              - groups:history
              - im:history
              - mpim:history
        settings:
          org_deploy_enabled: false
          socket_mode_enabled: false
          token_rotation_enabled: false

        """
    }

    /// Why an operator's address was refused.
    public struct AddressError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The slash command's URL from an operator's address: `https://host` gets `/slack/commands`; a full URL stays.
    public static func commandURL(from address: String) throws(AddressError) -> String {
        guard let url = URL(string: address), url.scheme == "https", let host = url.host, !host.isEmpty else {
            throw AddressError(description: "Slack only calls HTTPS: give an address like https://klaxon.example.com, not \(address)")
        }
        guard url.path.isEmpty || url.path == "/" else { return address }
        return (address.hasSuffix("/") ? String(address.dropLast()) : address) + "/slack/commands"
    }

    /// A double-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
