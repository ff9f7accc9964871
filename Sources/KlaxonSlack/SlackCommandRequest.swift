import Foundation
import KlaxonCore

/// A Slack (or Mattermost) slash-command request, decoded from its form body.
public struct SlackCommandRequest: Sendable, Equatable {
    /// Why a body could not be decoded.
    public enum Failure: Error, Equatable, Sendable {
        case notUTF8
        /// A `%` not followed by two hexadecimal digits.
        case badEscape
        case missingField(String)
        /// An id field that is not letters and digits, as Slack's and Mattermost's ids are.
        case invalidID(String)

        public var reason: String {
            switch self {
            case .notUTF8: "body is not UTF-8 form data"
            case .badEscape: "body has a malformed percent escape"
            case .missingField(let name): "missing form field \(name)"
            case .invalidID(let name): "form field \(name) is not a Slack or Mattermost id"
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
    public func actor(platform: Platform) -> Participant {
        Participant(platform: platform, id: userID, name: userName)
    }

    /// The channel it was typed in.
    public func channel(platform: Platform) -> ChannelRef {
        ChannelRef(platform: platform, id: channelID, name: channelName)
    }

    /// Decodes an `application/x-www-form-urlencoded` body.
    public init(form body: some DataProtocol) throws(Failure) {
        try self.init(fields: SlashCommandFields(body: body))
    }

    /// Reads a command from a decoded form's fields.
    init(fields: SlashCommandFields) throws(Failure) {
        func required(_ value: String?, _ name: String) throws(Failure) -> String {
            guard let value, !value.isEmpty else { throw .missingField(name) }
            return value
        }
        teamID = fields.teamID
        channelID = try Self.id(required(fields.channelID, "channel_id"), named: "channel_id")
        channelName = fields.channelName
        userID = try Self.id(required(fields.userID, "user_id"), named: "user_id")
        userName = fields.userName
        command = try required(fields.command, "command")
        // Slack escapes what people type as &amp; &lt; &gt;; the core works on the text as typed and templates escape it again.
        text = Self.unescaped(fields.text ?? "")
        responseURL = fields.responseURL
        triggerID = fields.triggerID
    }

    /// Slack's ids (`U0ABC123`, `C0123`) and Mattermost's (26 lowercase letters and digits) are ASCII letters and digits;
    /// anything else would reach replies as markup (`<@U1><!channel>`).
    static func id(_ value: String, named name: String) throws(Failure) -> String {
        guard value.utf8.count <= 64, value.utf8.allSatisfy({ byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }) else { throw .invalidID(name) }
        return value
    }

    /// Undoes Slack's escaping of `&`, `<` and `>` in one pass, so `&amp;lt;` stays `&lt;`.
    static func unescaped(_ text: String) -> String {
        // Most text has no `&`: nothing to copy.
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let entities: [(entity: String.UTF8View, character: UInt8)] = [
            ("&lt;".utf8, UInt8(ascii: "<")), ("&gt;".utf8, UInt8(ascii: ">")), ("&amp;".utf8, UInt8(ascii: "&")),
        ]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var rest = text.utf8[...]
        while let byte = rest.first {
            if byte == UInt8(ascii: "&"), let match = entities.first(where: { rest.starts(with: $0.entity) }) {
                bytes.append(match.character)
                rest = rest.dropFirst(match.entity.count)
            } else {
                bytes.append(byte)
                rest = rest.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
