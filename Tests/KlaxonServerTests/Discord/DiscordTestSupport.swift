import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonServer
import Logging
import NIOCore

/// Signs interactions as Discord does, with a key made for the test, and builds their bodies.
struct DiscordSigner {
    let key = Curve25519.Signing.PrivateKey()
    /// Signs at this clock's time when given (tests that move time), else at the harness's start.
    var clock: ManualWallClock?

    var publicKeyHex: String { key.publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined() }

    /// Headers that sign `body` with this key, at `timestamp` or now.
    func headers(_ body: String, timestamp: String? = nil) throws -> HTTPFields {
        let timestamp = timestamp ?? String(Int((clock?.now ?? TestHarness.start).timeIntervalSince1970))
        let signature = try key.signature(for: Data((timestamp + body).utf8))
        return [
            .contentType: "application/json",
            HTTPField.Name("X-Signature-Ed25519")!: signature.map { String(format: "%02x", $0) }.joined(),
            HTTPField.Name("X-Signature-Timestamp")!: timestamp,
        ]
    }
}

/// Interaction bodies for route tests.
enum Interaction {
    /// An option value: text (3), a flag (5) or a user id (6).
    enum Value {
        case text(String)
        case flag(Bool)
        case user(String)
    }

    static let nelly = "80351110224678912"
    static let channel = "41771983423143937"

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// An interaction; `thread`: typed in that thread (a public thread of the incidents channel).
    static func envelope(type: Int, data: [String: Any]?, id: String, user: String = nelly, thread: String? = nil) -> String {
        let place: [String: Any] = thread.map { ["id": $0, "name": "Uploads failing", "type": 11, "parent_id": channel] } ?? ["id": channel, "name": "incidents"]
        var object: [String: Any] = [
            "id": id, "application_id": "1150000000000000001", "type": type, "token": "t", "version": 1,
            "channel_id": thread ?? channel, "channel": place, "guild_id": "41771983423143936",
            "member": ["user": ["id": user, "username": "user\(user.suffix(3))", "global_name": NSNull()], "roles": []],
        ]
        if let data { object["data"] = data }
        return json(object)
    }

    /// `/incident <subcommand>` with options (type 4 for autocomplete, with `focused` naming the typed option).
    static func command(
        _ subcommand: String, _ options: [String: Value] = [:], id: String, user: String = nelly, type: Int = 2, focused: String? = nil, thread: String? = nil
    ) -> String {
        let list: [[String: Any]] = options.sorted { $0.key < $1.key }.map { name, value in
            var option: [String: Any]
            switch value {
            case .text(let text): option = ["name": name, "type": 3, "value": text]
            case .flag(let flag): option = ["name": name, "type": 5, "value": flag]
            case .user(let id): option = ["name": name, "type": 6, "value": id]
            }
            if name == focused { option["focused"] = true }
            return option
        }
        let data: [String: Any] = ["id": "1", "name": "incident", "type": 1, "options": [["name": subcommand, "type": 1, "options": list]]]
        return envelope(type: type, data: data, id: id, user: user, thread: thread)
    }

    /// A click on a button, or a choice in a menu.
    static func component(_ customID: String, values: [String]? = nil, id: String, user: String = nelly) -> String {
        var data: [String: Any] = ["custom_id": customID, "component_type": values == nil ? 2 : 3]
        if let values { data["values"] = values }
        return envelope(type: 3, data: data, id: id, user: user)
    }

    /// A submitted update form.
    static func form(_ customID: String, text: String, id: String, user: String = nelly) -> String {
        form(customID, fields: ["text": text], id: id, user: user)
    }

    /// A submitted form, its fields by id.
    static func form(_ customID: String, fields: [String: String], id: String, user: String = nelly) -> String {
        let rows: [[String: Any]] = fields.sorted { $0.key < $1.key }.map { ["type": 1, "components": [["type": 4, "custom_id": $0.key, "value": $0.value]]] }
        return envelope(type: 5, data: ["custom_id": customID, "components": rows], id: id, user: user)
    }
}

/// What Discord receives back (the parts the tests read).
struct InteractionReply: Decodable {
    struct Payload: Decodable {
        struct Mentions: Decodable, Equatable {
            let parse: [String]
            let users: [String]
            let roles: [String]
        }

        struct Row: Decodable {
            struct Component: Decodable { let custom_id: String?; let max_length: Int? }
            let components: [Component]?
            /// A form's label holds its one input.
            let component: Component?
        }

        struct Choice: Decodable { let name: String; let value: String }

        let content: String?
        let flags: Int?
        let allowed_mentions: Mentions?
        let components: [Row]?
        let choices: [Choice]?
        let custom_id: String?
        let title: String?
    }

    let type: Int
    let data: Payload?

    var content: String { data?.content ?? "" }
    var isEphemeral: Bool { data?.flags == 64 }
    var controlIDs: [String] { data?.components?.flatMap { $0.components ?? [] }.compactMap(\.custom_id) ?? [] }
    /// How long each of a form's text inputs may be.
    var textLimits: [Int] { data?.components?.compactMap(\.component?.max_length) ?? [] }
}

extension TestHarness {
    /// The application with Discord and Mattermost configured as well as Slack.
    /// `mattermostBot`: a Mattermost bot posts the incidents' messages (never reached here: no request is made).
    func application(discordKey: String?, mattermostToken: String? = nil, mattermostBot: Bool = false) async throws -> some ApplicationProtocol {
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0, slackSigningSecret: Self.secret)
        configuration.discordPublicKey = discordKey
        configuration.mattermostToken = mattermostToken
        if mattermostBot { configuration.delivery.mattermost = .init(token: "mm-bot-token", channel: "mm1", apiURL: "http://127.0.0.1:1/api/v4") }
        return try await KlaxonApplication.build(.init(
            configuration: configuration, bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil), store: store, clock: clock,
            logger: Logger(label: "test"), slackSigningSecret: Self.secret, runsScheduler: false
        ))
    }
}

extension TestClientProtocol {
    /// Posts a signed interaction and decodes the answer.
    func interact(_ body: String, signer: DiscordSigner) async throws -> InteractionReply {
        try await execute(uri: "/discord/interactions", method: .post, headers: try signer.headers(body), body: ByteBuffer(string: body)) { response in
            guard response.status == .ok else { throw TestFailure("status \(response.status): \(String(buffer: response.body))") }
            return try JSONDecoder().decode(InteractionReply.self, from: Data(buffer: response.body))
        }
    }
}
