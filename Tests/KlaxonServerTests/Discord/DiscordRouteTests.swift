import Foundation
import HTTPTypes
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

@Suite struct DiscordRouteTests {
    typealias I = Interaction

    @Test func aPingGetsAPong() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let signer = DiscordSigner()
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            let body = #"{"application_id":"1","id":"2","token":"t","type":1,"version":1}"#
            try await client.execute(uri: "/discord/interactions", method: .post, headers: try signer.headers(body), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body) == #"{"type":1}"#)
            }
        }
        try await handle.close()
    }

    @Test(arguments: ["otherKey", "tampered", "unsigned", "noTimestamp", "garbage"])
    func badlySignedInteractionsGet401AndChangeNothing(_ kind: String) async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let signer = DiscordSigner()
        let body = I.command("declare", ["severity": .text("p0"), "title": .text("Forged outage")], id: "1")
        var headers = try (kind == "otherKey" ? DiscordSigner() : signer).headers(body)
        var sent = body
        switch kind {
        case "tampered": sent = body.replacingOccurrences(of: "Forged", with: "Forgex")
        case "unsigned": headers[HTTPField.Name("X-Signature-Ed25519")!] = nil
        case "noTimestamp": headers[HTTPField.Name("X-Signature-Timestamp")!] = nil
        case "garbage": headers[HTTPField.Name("X-Signature-Ed25519")!] = "not-hex"
        default: break
        }
        let (finalHeaders, finalBody) = (headers, sent)
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            try await client.execute(uri: "/discord/interactions", method: .post, headers: finalHeaders, body: ByteBuffer(string: finalBody)) { response in
                #expect(response.status == .unauthorized)
                #expect(!String(buffer: response.body).contains("Forge"))
            }
        }
        #expect(try await handle.store.trackedIncidents().isEmpty)
        try await handle.close()
    }

    @Test(arguments: [(70 * 1024, HTTPResponse.Status.contentTooLarge), (10, .badRequest)])
    func oversizedOrMalformedSignedBodiesAreRefused(size: Int, status: HTTPResponse.Status) async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let signer = DiscordSigner()
        let body = #"{"type":2,"secret":""# + String(repeating: "x", count: size)
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            try await client.execute(uri: "/discord/interactions", method: .post, headers: try signer.headers(body), body: ByteBuffer(string: body)) { response in
                #expect(response.status == status)
                #expect(!String(buffer: response.body).contains("secret"))
            }
        }
        #expect(try await handle.store.trackedIncidents().isEmpty)
        try await handle.close()
    }

    @Test func theRouteIsOnlyMountedWithAPublicKey() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let body = #"{"id":"2","type":1}"#
        try await harness.application(discordKey: nil).test(.router) { client in
            try await client.execute(uri: "/discord/interactions", method: .post, headers: try DiscordSigner().headers(body), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .notFound)
            }
        }
        try await handle.close()
    }

    @Test func theSameInteractionDeliveredTwiceIsRecordedOnce() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let signer = DiscordSigner()
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            let body = I.command("declare", ["severity": .text("p2"), "title": .text("OCR slow")], id: "77")
            let first = try await client.interact(body, signer: signer)
            let second = try await client.interact(body, signer: signer)
            #expect(first.content == second.content)
        }
        let incidents = try await handle.store.trackedIncidents()
        #expect(incidents.count == 1)
        #expect(incidents.first?.timeline.count == 1)
        try await handle.close()
    }

    @Test func mistakesGetAnEphemeralAnswerAndRecordNothing() async throws {
        let (harness, handle) = try await TestHarness.inMemory()
        let signer = DiscordSigner()
        try await harness.application(discordKey: signer.publicKeyHex).test(.router) { client in
            let noIncident = try await client.interact(I.command("update", ["text": .text("Anything?")], id: "1"), signer: signer)
            #expect(noIncident.isEphemeral)
            #expect(noIncident.content.contains("There is no open incident in this channel"))
            #expect(noIncident.data?.allowed_mentions == .init(parse: [], users: [], roles: []))
            let badValue = try await client.interact(I.command("status", ["status": .text("fixed")], id: "2"), signer: signer)
            #expect(badValue.isEphemeral)
            #expect(badValue.content.contains("fixed"))
        }
        #expect(try await handle.store.trackedIncidents().isEmpty)
        try await handle.close()
    }
}
