import AsyncHTTPClient
import Hummingbird
import Foundation
import HummingbirdTesting
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import NIOSSL
import Testing

@Suite struct HTTPSTests {
    /// A client that trusts only `pem` (and checks the host name against it), speaking HTTP/2 when offered or HTTP/1.1 only.
    static func client(trusting pem: String, http1Only: Bool = false) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.httpVersion = http1Only ? .http1Only : .automatic
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    static func get(_ client: HTTPClient, port: Int, path: String = "/healthz") async throws -> HTTPClientResponse {
        let response = try await client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(port)\(path)"), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response
    }

    static func application(_ rotation: CertificateRotation, store: any IncidentStore, statusPort: Int? = nil) async throws -> some ApplicationProtocol {
        var configuration = KlaxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.statusPort = statusPort
        var deps = KlaxonApplication.Dependencies(
            configuration: configuration, bundle: try PolicyBundle.load(policyPath: nil, templatesDirectory: nil),
            store: store, clock: ManualWallClock(Date()), logger: Logger(label: "test"), slackSigningSecret: TestHarness.secret, runsScheduler: false
        )
        deps.tls = rotation
        return try await KlaxonApplication.build(deps)
    }

    @Test func aClientThatChecksTheCertificateTalksHTTP2AndHTTP1OverTLS() async throws {
        let pair = try await SelfSignedPair.make(name: "klaxon-a")
        let rotation = try CertificateRotation(files: pair.files, now: Date(), logger: Logger(label: "test"))
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let h2 = try Self.client(trusting: pair.certificatePEM)
        let h1 = try Self.client(trusting: pair.certificatePEM, http1Only: true)
        try await Self.application(rotation, store: handle.store).test(.live) { client in
            let port = try #require(client.port)
            let viaH2 = try await Self.get(h2, port: port)
            #expect(viaH2.status == .ok)
            #expect(viaH2.version == .http2)
            let viaH1 = try await Self.get(h1, port: port)
            #expect(viaH1.status == .ok)
            #expect(viaH1.version == .http1_1)
        }
        try await h2.shutdown()
        try await h1.shutdown()
        try await handle.close()
    }

    @Test("With TLS the separate status port serves HTTPS too, as the banner says, and never plain HTTP")
    func theStatusPortServesHTTPSToo() async throws {
        let pair = try await SelfSignedPair.make(name: "klaxon-status")
        let rotation = try CertificateRotation(files: pair.files, now: Date(), logger: Logger(label: "test"))
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let statusPort = try StatusListenerTests.freePort()
        let h1 = try Self.client(trusting: pair.certificatePEM, http1Only: true)
        try await Self.application(rotation, store: handle.store, statusPort: statusPort).test(.live) { _ in
            var answer: HTTPClientResponse?
            // The status port comes up beside the main one: asked until it listens.
            for _ in 0..<200 where answer == nil {
                answer = try? await Self.get(h1, port: statusPort, path: "/status")
                if answer == nil { await Task.yield() }
            }
            #expect(answer?.status == .ok)
            let plain = try await StatusListenerTests.get("/status", port: statusPort)
            #expect(!plain.hasPrefix("HTTP/1.1 200"), "plain HTTP answered on the TLS status port")
        }
        try await h1.shutdown()
        try await handle.close()
    }

    @Test func aReloadServesTheNewPairToNewConnectionsAndABrokenPairKeepsTheOld() async throws {
        let pair = try await SelfSignedPair.make(name: "klaxon-old")
        let oldPEM = try pair.certificatePEM
        let rotation = try CertificateRotation(files: pair.files, now: Date(), logger: Logger(label: "test"))
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let trustsOld = try Self.client(trusting: oldPEM)
        try await Self.application(rotation, store: handle.store).test(.live) { client in
            let port = try #require(client.port)
            #expect(try await Self.get(trustsOld, port: port).status == .ok)

            try await pair.write(name: "klaxon-new")
            let newPEM = try pair.certificatePEM
            #expect(rotation.reload(now: Date()))
            let trustsNew = try Self.client(trusting: newPEM)
            #expect(try await Self.get(trustsNew, port: port).status == .ok)
            // New connections no longer get the old pair (a fresh client, since a pooled connection keeps its pair).
            let freshOld = try Self.client(trusting: oldPEM)
            await #expect(throws: (any Error).self) { try await Self.get(freshOld, port: port) }

            // A key that isn't the certificate's is refused, and the pair in use stays.
            try await pair.write(name: "klaxon-broken", kind: .mismatched)
            #expect(!rotation.reload(now: Date()))
            let freshNew = try Self.client(trusting: newPEM)
            #expect(try await Self.get(freshNew, port: port).status == .ok)
            for client in [trustsNew, freshOld, freshNew] { try await client.shutdown() }
        }
        try await trustsOld.shutdown()
        try await handle.close()
    }
}

@Suite struct CertificatePairTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let kind: SelfSignedPair.Kind
        let problem: String?
        var testDescription: String { "a \(kind.rawValue) pair is \(problem == nil ? "accepted" : "refused: \(problem!)")" }
    }

    @Test(arguments: [
        Row(kind: .good, problem: nil),
        Row(kind: .expired, problem: "expired on"),
        Row(kind: .mismatched, problem: "does not belong to the certificate"),
    ])
    func aPairIsCheckedBeforeItIsServed(_ row: Row) async throws {
        let pair = try await SelfSignedPair.make(name: "klaxon", kind: row.kind)
        do throws(TLSPairError) {
            _ = try CertificateRotation(files: pair.files, now: Date(), logger: Logger(label: "test"))
            #expect(row.problem == nil)
        } catch {
            let problem = try #require(row.problem, "refused: \(error)")
            #expect(error.description.contains(problem), "\(error.description)")
            switch (row.kind, error) {
            case (.expired, .expired), (.mismatched, .mismatch): break
            default: Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func aMissingFileIsNamedInTheRefusal() {
        let files = TLSFiles(certificatePath: "/nonexistent/cert.pem", keyPath: "/nonexistent/key.pem")
        #expect(throws: TLSPairError.unreadableCertificate(path: "/nonexistent/cert.pem")) {
            try CertificatePair.load(files, now: Date())
        }
    }
}
