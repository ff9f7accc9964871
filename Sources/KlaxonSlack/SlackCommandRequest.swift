import Foundation
import KlaxonCore

/// A Slack (or Mattermost) slash-command request, decoded from its form body.
public struct SlackCommandRequest: Sendable, Equatable {
    /// Why a body could not be decoded.
    public enum Failure: Error, Equatable, Sendable {
        case notUTF8
        case missingField(String)

        public var reason: String {
            switch self {
            case .notUTF8: "body is not UTF-8 form data"
            case .missingField(let name): "missing form field \(name)"
            }
        }
    }

    public let teamID: String?
    public let channelID: String
    public let channelName: String?
    public let userID: String
    public let userName: String?
    public let command: String
    public let text: String
    public let responseURL: String?
    /// Slack's id for this invocation; the same on a retried delivery.
    public let triggerID: String?

    /// The person who typed the command.
    public func actor(platform: String) -> Participant {
        Participant(platform: platform, id: userID, name: userName)
    }

    /// The channel it was typed in.
    public func channel(platform: String) -> ChannelRef {
        ChannelRef(platform: platform, id: channelID, name: channelName)
    }

    /// Decodes an `application/x-www-form-urlencoded` body.
    public init(form body: some DataProtocol) throws(Failure) {
        let fields = try Self.fields(body)
        func required(_ name: String) throws(Failure) -> String {
            guard let value = fields[name], !value.isEmpty else { throw .missingField(name) }
            return value
        }
        teamID = fields["team_id"]
        channelID = try required("channel_id")
        channelName = fields["channel_name"]
        userID = try required("user_id")
        userName = fields["user_name"]
        command = try required("command")
        // Slack escapes what people type as &amp; &lt; &gt;; the core works on the text as typed and templates escape it again.
        text = Self.unescaped(fields["text"] ?? "")
        responseURL = fields["response_url"]
        triggerID = fields["trigger_id"]
    }

    /// Undoes Slack's escaping of `&`, `<` and `>` (`&amp;` last, so `&amp;lt;` stays `&lt;`).
    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Whether the body is Slack's `ssl_check=1` probe.
    public static func isSSLCheck(_ body: some DataProtocol) -> Bool {
        (try? fields(body))?["ssl_check"] == "1"
    }

    /// The form's fields; later duplicates win.
    static func fields(_ body: some DataProtocol) throws(Failure) -> [String: String] {
        guard let text = String(bytes: body, encoding: .utf8) else { throw .notUTF8 }
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { throw .notUTF8 }
            guard let value = parts.count > 1 ? decode(parts[1]) : "" else { throw .notUTF8 }
            fields[name] = value
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
