import Foundation
import HTTPTypes
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

@Suite struct MattermostRouteTests {
    static let token = "mm-command-token-0123456789"

    /// How the token is presented.
    enum Presentation: String, CaseIterable {
        case header, formField, wrongHeader, wrongField, none
    }

    static func request(_ text: String, user: String = "u1ann", userName: String = "ann", token presentation: Presentation = .header) -> (HTTPFields, String) {
        let form = TestHarness.form(text, user: user, userName: userName)
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        var body = form.replacingOccurrences(of: "token=x&", with: "")
        switch presentation {
        case .header: headers[.authorization] = "Token \(token)"
        case .formField: body = "token=\(token)&" + body
        case .wrongHeader: headers[.authorization] = "Token \(token)x"
        case .wrongField: body = "token=nope&" + body
        case .none: break
        }
        return (headers, body)
    }

    @Test(arguments: Presentation.allCases)
    func theCommandTokenIsRequiredInTheHeaderOrTheForm(_ presentation: Presentation) async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let (headers, body) = Self.request("p2 OCR slow", token: presentation)
        let accepted = [Presentation.header, .formField].contains(presentation)
        try await harness.application(discordKey: nil, mattermostToken: Self.token).test(.router) { client in
            try await client.execute(uri: "/mattermost/commands", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == (accepted ? .ok : .unauthorized))
                #expect(!String(buffer: response.body).contains(Self.token))
            }
        }
        #expect(try await handle.store.trackedIncidents().count == (accepted ? 1 : 0))
        try await handle.close()
    }

    @Test("A body that is not form data, with the right token in a header or in its own field, is a 400 as on Slack's route; with a wrong or no token a 401; nothing is recorded", arguments: [
        ("token=\(token)&text=%ZZ&command=/incident", nil, HTTPResponse.Status.badRequest),
        ("text=%ZZ&command=/incident", "Token \(token)", .badRequest),
        ("token=nope&text=%ZZ&command=/incident", nil, .unauthorized),
        ("text=%ZZ&command=/incident", nil, .unauthorized),
    ])
    func aMalformedBodyIsABadRequestOnceAuthenticated(body: String, authorization: String?, status: HTTPResponse.Status) async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application(discordKey: nil, mattermostToken: Self.token).test(.router) { client in
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            if let authorization { headers[.authorization] = authorization }
            try await client.execute(uri: "/mattermost/commands", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == status, "\(String(buffer: response.body))")
            }
        }
        #expect(try await handle.store.trackedIncidents().isEmpty)
        try await handle.close()
    }

    @Test func theRouteIsOnlyMountedWithAToken() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let (headers, body) = Self.request("list")
        try await harness.application(discordKey: nil).test(.router) { client in
            try await client.execute(uri: "/mattermost/commands", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .notFound)
            }
        }
        try await handle.close()
    }

    @Test("With a Mattermost bot posting the incident's messages, the command's answer is for the one who typed it only")
    func withABotTheAnswerIsEphemeral() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let (headers, body) = Self.request("p0 Uploads failing")
        try await harness.application(discordKey: nil, mattermostToken: Self.token, mattermostBot: true).test(.router) { client in
            try await client.execute(uri: "/mattermost/commands", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                let reply = try JSONDecoder().decode(ReplyBody.self, from: Data(buffer: response.body))
                #expect(reply.response_type == "ephemeral")
                #expect(reply.text.contains("Uploads failing"))
            }
        }
        #expect(try await handle.store.trackedIncidents().count == 1)
        try await handle.close()
    }

    @Test func aWholeP0FromMattermostRepliesInItsMarkdown() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        try await harness.application(discordKey: nil, mattermostToken: Self.token).test(.router) { client in
            func say(_ text: String, user: String = "u1ann", userName: String = "ann") async throws -> ReplyBody {
                let (headers, body) = Self.request(text, user: user, userName: userName)
                return try await client.execute(uri: "/mattermost/commands", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .ok)
                    return try JSONDecoder().decode(ReplyBody.self, from: Data(buffer: response.body))
                }
            }
            let alert = try await say("p0 Uploads *failing* for @all")
            #expect(alert.response_type == "in_channel")
            #expect(alert.text.hasPrefix("**[P0 INCIDENT] Service is down - Uploads \\*failing\\* for @\u{200B}all** - @channel"))
            #expect(alert.text.contains("declared by @ann"))
            #expect(try await say("commander @bob").text.hasPrefix("@bob is incident commander for #1"))
            #expect(try await say("update Investigating", user: "u2bob", userName: "bob").text.hasPrefix("**Update on #1"))
            #expect(try await say("status identified Pool exhausted").text.contains("Investigating → **Identified**"))
            let refused = try await say("resolve Pool raised")
            #expect(refused.response_type == "ephemeral")
            let resolved = try await say("resolve #1 Pool raised --force customer asleep")
            #expect(resolved.text.hasPrefix("**[RESOLVED] #1"))
        }
        let incident = try #require(try await handle.store.incident(IncidentID(1)))
        #expect(incident.timeline.map(\.change.name) == ["declared", "commander_assigned", "update_posted", "status_changed", "resolved"])
        #expect(incident.declaredBy == Participant(platform: .mattermost, id: "u1ann"))
        #expect(incident.channel.platform == .mattermost)
        try await handle.close()
    }
}
