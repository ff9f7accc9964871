import KlaxonCore
import KlaxonPolicy

/// A chat dialect with Slack-like rules, written here so the policy tests need no adapter:
/// `&`, `<` and `>` escaped as entities; people as `<@ID>`; roles by their description in bold.
struct TestDialect: ChatDialect {
    var contentTypeName: String { "KLAXON-POLICY-TEST" }

    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    func mention(_ person: Participant) -> String { "<@\(person.id)>" }

    var channelMention: String { "<!channel>" }

    func mention(role: String, description: String) -> String { "*\(description)*" }
}
