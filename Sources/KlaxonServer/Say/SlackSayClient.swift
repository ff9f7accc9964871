import AsyncHTTPClient
import Foundation
import KlaxonSlack
import NIOCore

/// `klaxon say`: sends a slash command to a running Klaxon exactly as Slack would (signed form body).
public struct SlackSayClient: Sendable {
    public var baseURL: String
    public var signingSecret: String
    public var userID: String
    public var userName: String
    public var channelID: String
    public var channelName: String

    public init(baseURL: String, signingSecret: String, userID: String, userName: String, channelID: String, channelName: String) {
        self.baseURL = baseURL
        self.signingSecret = signingSecret
        self.userID = userID
        self.userName = userName
        self.channelID = channelID
        self.channelName = channelName
    }

    /// Splits `/incident p0 Title` into the command and its text; a missing `/incident` is assumed.
    public static func split(_ line: String) -> (command: String, text: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("/") else { return ("/incident", trimmed) }
        let command = trimmed.prefix { !$0.isWhitespace }
        return (String(command), trimmed.dropFirst(command.count).trimmingCharacters(in: .whitespaces))
    }

    /// The form body Slack would send for this command.
    public func formBody(command: String, text: String, triggerID: String) -> String {
        let fields = [
            ("token", "local"), ("team_id", "TLOCAL"), ("team_domain", "local"),
            ("channel_id", channelID), ("channel_name", channelName), ("user_id", userID), ("user_name", userName),
            ("command", command), ("text", text), ("trigger_id", triggerID),
        ]
        return fields.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
    }

    /// Posts the command and returns the bot's reply as a person would read it.
    public func say(_ line: String, now: Date = Date()) async throws -> String {
        let (command, text) = Self.split(line)
        guard command == "/incident" else { throw SayError("Klaxon's command is /incident, not \(command)") }
        // Slack escapes &, < and > in what people type (mentions aside); so does `say`, to show what Slack would.
        let body = formBody(command: command, text: Self.slackEscaped(text), triggerID: UUID().uuidString)
        let timestamp = String(Int(now.timeIntervalSince1970))
        var request = HTTPClientRequest(url: baseURL + "/slack/commands")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "X-Slack-Request-Timestamp", value: timestamp)
        request.headers.add(name: "X-Slack-Signature", value: SlackSignatureVerifier(signingSecret: signingSecret).signature(body: Data(body.utf8), timestamp: timestamp))
        request.body = .bytes(ByteBuffer(string: body))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        } catch {
            throw SayError("no bot answers at \(baseURL): is `klaxon serve` running there? (use --port / --host if it listens elsewhere)")
        }
        let data = try await response.body.collect(upTo: 1 << 20)
        if response.status == .unauthorized {
            throw SayError("the bot refused the signature: give `say` the same --data-dir as `serve` (its local-signing-secret), or set KLAXON_SLACK_SIGNING_SECRET")
        }
        guard response.status == .ok else {
            throw SayError("the bot answered \(response.status.code): \(String(buffer: data))")
        }
        let reply = try JSONDecoder().decode(SlackReply.self, from: Data(buffer: data))
        let who = reply.responseType == .inChannel ? "in channel" : "only you see this"
        return "[\(who)]\n\(Self.displayed(reply.text))"
    }

    /// Escapes text as Slack does, leaving its own `<@U…|name>`, `<#C…>` and `<!…>` markup as typed.
    static func slackEscaped(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            if word.hasPrefix("<@") || word.hasPrefix("<#") || word.hasPrefix("<!"), word.hasSuffix(">") { return String(word) }
            return word.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }.joined(separator: " ")
    }

    /// Slack shows `&lt;` as `<`; so does the terminal.
    static func displayed(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// A failure of `klaxon say`, said plainly.
public struct SayError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
