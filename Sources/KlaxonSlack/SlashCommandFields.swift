import Foundation
import KlaxonCore

/// The fields of a slash-command body that Klaxon reads; the others (`token`, `team_domain`, `api_app_id`…) are checked
/// as form data and dropped, so no string is made for them.
struct SlashCommandFields {
    var sslCheck: String?
    var teamID: String?
    var channelID: String?
    var channelName: String?
    var userID: String?
    var userName: String?
    var command: String?
    var text: String?
    var responseURL: String?
    var triggerID: String?

    /// Decodes a body; later duplicates win, as in `URLEncodedForm.fields`.
    init(body: some Sequence<UInt8>) throws(SlackCommandRequest.Failure) {
        try URLEncodedForm.forEachField(in: body) { name, value in
            guard let field = Field(name: name) else { return }
            let value = String(decoding: value, as: UTF8.self)
            switch field {
            case .text: text = value
            case .command: command = value
            case .channelID: channelID = value
            case .userID: userID = value
            case .triggerID: triggerID = value
            case .responseURL: responseURL = value
            case .channelName: channelName = value
            case .userName: userName = value
            case .teamID: teamID = value
            case .sslCheck: sslCheck = value
            }
        }
    }

    private enum Field: CaseIterable {
        case text, command, channelID, userID, triggerID, responseURL, channelName, userName, teamID, sslCheck

        var name: StaticString {
            switch self {
            case .text: "text"
            case .command: "command"
            case .channelID: "channel_id"
            case .userID: "user_id"
            case .triggerID: "trigger_id"
            case .responseURL: "response_url"
            case .channelName: "channel_name"
            case .userName: "user_name"
            case .teamID: "team_id"
            case .sslCheck: "ssl_check"
            }
        }

        /// The field a form name stands for, compared byte by byte.
        init?(name: UnsafeBufferPointer<UInt8>) {
            guard let base = name.baseAddress else { return nil }
            let match = Self.allCases.first { field in
                // Through `withUTF8Buffer`: a one-character literal has no `utf8Start`.
                field.name.withUTF8Buffer { known in
                    known.count == name.count && (name.isEmpty || memcmp(known.baseAddress!, base, name.count) == 0)
                }
            }
            guard let match else { return nil }
            self = match
        }
    }
}
