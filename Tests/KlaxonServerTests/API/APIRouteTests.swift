import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KlaxonCore
import KlaxonServer
import KlaxonStore
import Logging
import NIOCore
import Testing

@Suite struct APIRouteTests {
    /// "test" reads and writes as `ci`; "other" only reads, as `dashboard`; "writer" only writes, as `deployer`.
    /// SHA-256 from `printf … | sha256sum`.
    static let tokens = try! APITokenFile.parse("""
        tokens:
          - {name: ci, sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, scopes: [read, write]}
          - {name: dashboard, sha256: d9298a10d1b0735837dc4bd85dac641b0f3cef27a47e5d53a54f2f3f5b2fcffa, scopes: [read]}
          - {name: deployer, sha256: b93006774cbdd4b299389a03ac3d88c3a76b460d538795bc12718011a909fba5, scopes: [write]}
        """, file: "tokens.yaml")

    struct Answer {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private func withAPI(
        rateLimit: RateLimiter.Limit = .standard, _ body: @escaping @Sendable (any TestClientProtocol, any IncidentStore) async throws -> Void
    ) async throws {
        let handle = try await SQLiteIncidentStore.open(directory: nil, logger: Logger(label: "test"))
        let harness = TestHarness(store: handle.store)
        let store = handle.store
        try await harness.application(apiTokens: Self.tokens, apiRateLimit: rateLimit).test(.router) { client in
            try await body(client, store)
        }
        try await handle.close()
    }

    static func call(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String? = "test", json: String? = nil,
        key: String? = nil
    ) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            Answer(status: response.status, headers: response.headers, body: Data(buffer: response.body))
        }
    }

    @Test func aScriptDeclaresUpdatesAndReadsAnIncidentAsItsToken() async throws {
        try await withAPI { client, store in
            let declared = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p0","title":"Uploads failing"}"#)
            #expect(declared.status == .created, "\(declared.text)")
            let summary = declared.json["incident"] as? [String: Any]
            #expect(summary?["id"] as? Int == 1)
            #expect(summary?["declaredBy"] as? String == "api:ci")
            #expect((declared.json["checklists"] as? [Any])?.isEmpty == false)
            #expect((declared.json["due"] as? [Any])?.isEmpty == false)

            let update = try await Self.call(client, .post, "/api/v1/incidents/1/commands", json: #"{"command":"update","text":"Failing over the database"}"#)
            #expect(update.status == .ok, "\(update.text)")
            #expect((update.json["reply"] as? String)?.contains("Failing over the database") == true)

            let timeline = try await Self.call(client, .get, "/api/v1/incidents/1/timeline", token: "other")
            let entries = timeline.json["entries"] as? [[String: Any]] ?? []
            #expect(entries.map { $0["event"] as? String } == ["declared", "update_posted"])
            #expect(entries.map { $0["actor"] as? String } == ["api:ci", "api:ci"])

            let list = try await Self.call(client, .get, "/api/v1/incidents?severity=p0", token: "other")
            #expect(((list.json["incidents"] as? [[String: Any]]) ?? []).map { $0["id"] as? Int } == [1])
            #expect(list.headers[HTTPField.Name("RateLimit-Remaining")!] != nil)
            let resolved = try await Self.call(client, .get, "/api/v1/incidents?state=resolved", token: "other")
            #expect((resolved.json["incidents"] as? [Any])?.isEmpty == true)

            let report = try await Self.call(client, .get, "/api/v1/incidents/1/report", token: "other")
            #expect(report.status == .ok)
            #expect(report.headers[.contentType]?.hasPrefix("text/markdown") == true)
            #expect(report.text.contains("Uploads failing"))
            let stored = try await store.incident(IncidentID(1))
            #expect(stored?.lastUpdateText == "Failing over the database")
            #expect(stored?.declaredBy == AutomatedActor.apiToken(name: "ci").participant)
        }
    }

    @Test("A withdrawn incident says so, and why, where a client reads it: resolved by status, its withdrawal beside it")
    func aWithdrawnIncidentSaysSo() async throws {
        try await withAPI { client, _ in
            #expect(try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p1","title":"Checkout errors"}"#).status == .created)
            let withdrawn = try await Self.call(client, .post, "/api/v1/incidents/1/commands", json: #"{"command":"withdraw","text":"Synthetic check misfired"}"#)
            #expect(withdrawn.status == .ok, "\(withdrawn.text)")
            let read = try await Self.call(client, .get, "/api/v1/incidents/1", token: "other")
            let summary = read.json["incident"] as? [String: Any]
            #expect(summary?["status"] as? String == "resolved")
            #expect(summary?["withdrawal"] as? String == "Synthetic check misfired")
            let other = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p2","title":"Search slow"}"#)
            #expect((other.json["incident"] as? [String: Any])?["withdrawal"] == nil)
        }
    }

    @Test func theSameIdempotencyKeyGetsTheFirstAnswerAndWithAnotherBodyA422() async throws {
        try await withAPI { client, store in
            let body = #"{"severity":"p2","title":"OCR slow"}"#
            let first = try await Self.call(client, .post, "/api/v1/incidents", json: body, key: "deploy-42")
            let again = try await Self.call(client, .post, "/api/v1/incidents", json: body, key: "deploy-42")
            #expect(first.status == .created)
            #expect(again.status == .created)
            #expect(again.body == first.body)
            let other = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p1","title":"OCR slow"}"#, key: "deploy-42")
            #expect(other.status == .unprocessableContent)
            #expect(other.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect((other.json["detail"] as? String)?.contains("Idempotency-Key") == true)
            #expect(try await store.heads(IncidentQuery(.any)).count == 1)
        }
    }

    /// A value the document does not allow is named in words a script's author reads, not in Swift's decoding terms.
    @Test(arguments: [
        ("/api/v1/incidents?state=bogus", "`state=bogus`"),
        ("/api/v1/incidents?severity=p9", "`severity=p9`"),
        ("/api/v1/incidents?limit=many", "`limit=many`"),
    ])
    func aQueryValueTheDocumentDoesNotAllowGets400NamingIt(path: String, named: String) async throws {
        try await withAPI { client, _ in
            let answer = try await Self.call(client, .get, path)
            #expect(answer.status == .badRequest)
            let detail = answer.json["detail"] as? String ?? ""
            #expect(detail.contains(named), "\(detail)")
            #expect(!detail.contains("DecodingError") && !detail.contains("Payload") && !detail.contains("CodingKeys"), "\(detail)")
        }
    }

    @Test("A field given twice gets a 400 naming it and declares nothing: a decoder would keep one of the two, silently")
    func aFieldGivenTwiceGets400NamingIt() async throws {
        try await withAPI { client, store in
            let answer = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p3","title":"Login errors","severity":"p0"}"#)
            #expect(answer.status == .badRequest)
            #expect((answer.json["detail"] as? String)?.contains("`severity` is given twice") == true, "\(answer.text)")
            #expect(try await store.heads(IncidentQuery(.any)).isEmpty)
        }
    }

    @Test func aBodyFieldTheDocumentDoesNotAllowGets400NamingTheField() async throws {
        try await withAPI { client, store in
            let answer = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p9","title":"Login errors"}"#)
            #expect(answer.status == .badRequest)
            let detail = answer.json["detail"] as? String ?? ""
            #expect(detail.contains("`severity`"), "\(detail)")
            #expect(!detail.contains("DecodingError"), "\(detail)")
            #expect(try await store.heads(IncidentQuery(.any)).isEmpty)
        }
    }

    @Test func aRefusedCommandGets422WithChatsMessageAndAnUnknownIncident404() async throws {
        try await withAPI { client, store in
            _ = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p1","title":"Login errors"}"#)
            let same = try await Self.call(client, .post, "/api/v1/incidents/1/commands", json: #"{"command":"severity","text":"p1"}"#)
            #expect(same.status == .unprocessableContent)
            #expect((same.json["detail"] as? String)?.contains("P1") == true, "\(same.text)")
            let unknown = try await Self.call(client, .post, "/api/v1/incidents/1/commands", json: #"{"command":"dance"}"#)
            #expect(unknown.status == .unprocessableContent)
            let declare = try await Self.call(client, .post, "/api/v1/incidents/1/commands", json: #"{"command":"list"}"#)
            #expect(declare.status == .unprocessableContent)
            for json in [#"{"command":"commander","text":"me"}"#, #"{"command":"action","text":"me Fix the pool"}"#] {
                let me = try await Self.call(client, .post, "/api/v1/incidents/1/commands", json: json)
                #expect(me.status == .unprocessableContent, "a token is nobody to lead or own: \(json)")
                #expect((me.json["detail"] as? String)?.contains("not a person") == true)
            }
            #expect(try await store.incident(IncidentID(1))?.commander == nil)
            let missing = try await Self.call(client, .post, "/api/v1/incidents/9/commands", json: #"{"command":"update","text":"x"}"#)
            #expect(missing.status == .notFound, "\(missing.text)")
            #expect(try await Self.call(client, .get, "/api/v1/incidents/9").status == .notFound)
        }
    }

    @Test(arguments: [
        (HTTPRequest.Method.get, "/api/v1/incidents", nil as String?, nil as String?, HTTPResponse.Status.unauthorized),
        (.get, "/api/v1/incidents", "wrong", nil, .unauthorized),
        // The router drops empty path segments: a doubled slash still reaches the API, and must still need a token.
        (.get, "//api/v1/incidents", nil, nil, .unauthorized),
        (.post, "//api/v1/incidents", nil, #"{"severity":"p0","title":"x"}"#, .unauthorized),
        (.get, "/api//v1/incidents/1", nil, nil, .unauthorized),
        (.post, "/api/v1/incidents", "other", #"{"severity":"p0","title":"x"}"#, .forbidden),
        (.get, "/api/v1/incidents?limit=0", "test", nil, .badRequest),
        (.get, "/api/v1/incidents?limit=ten", "test", nil, .badRequest),
        (.get, "/api/v1/incidents?state=closed", "test", nil, .badRequest),
        (.get, "/api/v1/incidents/0", "test", nil, .badRequest),
        (.post, "/api/v1/incidents", "test", #"{"severity":"p9","title":"x"}"#, .badRequest),
        (.post, "/api/v1/incidents", "test", #"{"severity":"p0","title":"x","extra":1}"#, .badRequest),
        (.post, "/api/v1/incidents", "test", "{", .badRequest),
        (.post, "/api/v1/incidents", "test", #"{"severity":"p0","title":"   "}"#, .unprocessableContent),
        (.post, "/api/v1/incidents/1/commands", "test", #"{"command":" "}"#, .badRequest),
    ])
    func badRequestsGetAProblemAndRecordNothing(
        method: HTTPRequest.Method, uri: String, token: String?, json: String?, status: HTTPResponse.Status
    ) async throws {
        try await withAPI { client, store in
            let answer = try await Self.call(client, method, uri, token: token, json: json)
            #expect(answer.status == status, "\(answer.text)")
            #expect(answer.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(answer.json["status"] as? Int == Int(status.code))
            #expect(try await store.heads(IncidentQuery(.any)).isEmpty)
        }
    }

    @Test("A token that may only write is refused the commands that read, as it is the GET routes", arguments: ["show", "timeline", "report", "actions"])
    func aWriteOnlyTokenCannotReadThroughACommand(command: String) async throws {
        try await withAPI { client, _ in
            #expect(try await Self.call(client, .post, "/api/v1/incidents", token: "writer", json: #"{"severity":"p2","title":"OCR stuck"}"#).status == .created)
            let read = try await Self.call(client, .post, "/api/v1/incidents/1/commands", token: "writer", json: #"{"command":"\#(command)"}"#)
            #expect(read.status == .forbidden, "\(read.text)")
            #expect((read.json["detail"] as? String)?.contains("lacks the `read` scope") == true)
            #expect(!read.text.contains("OCR stuck"), "nothing of the incident in the refusal")
            let note = try await Self.call(client, .post, "/api/v1/incidents/1/commands", token: "writer", json: #"{"command":"note","text":"deploy 4711 rolled back"}"#)
            #expect(note.status == .ok, "a command that writes still goes through")
            #expect(try await Self.call(client, .post, "/api/v1/incidents/1/commands", json: #"{"command":"\#(command)"}"#).status == .ok)
        }
    }

    @Test("A token that may only read runs the commands that read, and is refused the ones that write, recording nothing", arguments: ["show", "timeline", "report", "actions"])
    func aReadOnlyTokenRunsTheCommandsThatRead(command: String) async throws {
        try await withAPI { client, store in
            #expect(try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p2","title":"OCR stuck"}"#).status == .created)
            let read = try await Self.call(client, .post, "/api/v1/incidents/1/commands", token: "other", json: #"{"command":"\#(command)"}"#)
            #expect(read.status == .ok, "\(read.text)")
            #expect(read.text.contains("OCR stuck"), "\(read.text)")
            let note = try await Self.call(client, .post, "/api/v1/incidents/1/commands", token: "other", json: #"{"command":"note","text":"deploy 4711 rolled back"}"#)
            #expect(note.status == .forbidden, "\(note.text)")
            #expect((note.json["detail"] as? String)?.contains("lacks the `write` scope") == true, "\(note.text)")
            #expect(try await store.incident(IncidentID(1))?.version == 1, "nothing recorded")
            let declare = try await Self.call(client, .post, "/api/v1/incidents", token: "other", json: #"{"severity":"p2","title":"Another"}"#)
            #expect(declare.status == .forbidden, "declaring still needs `write`")
            // A key on a read is not kept: a refusal stored under it would be replayed once the incident exists.
            let early = try await Self.call(client, .post, "/api/v1/incidents/2/commands", token: "other", json: #"{"command":"\#(command)"}"#, key: "k-\(command)")
            #expect(early.status == .notFound, "\(early.text)")
            #expect(try await store.pruneHandledRequests(before: .distantFuture) == 0, "nothing stored for a read-only token")
            #expect(try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p2","title":"Second"}"#).status == .created)
            let later = try await Self.call(client, .post, "/api/v1/incidents/2/commands", token: "other", json: #"{"command":"\#(command)"}"#, key: "k-\(command)")
            #expect(later.status == .ok, "\(later.text)")
        }
    }

    @Test("A commander named through the API is the person the incident's chat knows by that id, so nudges ping them")
    func aCommanderNamedThroughTheAPIIsTheChatsPerson() async throws {
        try await withAPI { client, store in
            _ = try await client.slash("p1 Payments failing", clock: ManualWallClock(TestHarness.start))
            let named = try await Self.call(client, .post, "/api/v1/incidents/1/commands", json: #"{"command":"commander","text":"<@U0ALICE>"}"#)
            #expect(named.status == .ok, "\(named.text)")
            #expect(try await store.incident(IncidentID(1))?.commander == Participant(platform: .slack, id: "U0ALICE"))
            // Declared through the API, with no chat posted to, an incident has none to look people up in.
            _ = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p2","title":"OCR stuck"}"#)
            _ = try await Self.call(client, .post, "/api/v1/incidents/2/commands", json: #"{"command":"commander","text":"<@U0ALICE>"}"#)
            #expect(try await store.incident(IncidentID(2))?.commander?.platform == .api)
        }
    }

    @Test func aTokenOverItsRateLimitGets429WithRetryAfterWhileAnotherTokenIsServed() async throws {
        try await withAPI(rateLimit: RateLimiter.Limit(perMinute: 6, burst: 2)) { client, _ in
            #expect(try await Self.call(client, .get, "/api/v1/incidents").status == .ok)
            #expect(try await Self.call(client, .get, "/api/v1/incidents").status == .ok)
            let limited = try await Self.call(client, .get, "/api/v1/incidents")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "10")
            #expect(try await Self.call(client, .get, "/api/v1/incidents", token: "other").status == .ok)
        }
    }

    @Test func thePolicyInForceIsServedWithItsAlertRules() async throws {
        try await withAPI { client, _ in
            let policy = try await Self.call(client, .get, "/api/v1/policy", token: "other")
            #expect(policy.status == .ok)
            #expect((policy.json["severities"] as? [String: Any])?.keys.sorted() == ["p0", "p1", "p2", "p3"])
            #expect((policy.json["alerts"] as? [String: Any])?["severity_label"] as? String == "severity")
        }
    }

    @Test("A body announced over 64 KiB is refused with a 413 problem, like every API error, and nothing is declared")
    func anOversizedBodyIsRefusedWithAProblem() async throws {
        try await withAPI { client, store in
            // The test client announces the length (Content-Length); `APIAccessMiddlewareTests` sends one without.
            let title = String(repeating: "x", count: 64 * 1024)
            let answer = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p0","title":"\#(title)"}"#)
            #expect(answer.status == .contentTooLarge)
            #expect(answer.headers[.contentType] == "application/problem+json", "\(answer.text)")
            #expect(answer.headers[.connection] == "close")
            #expect(answer.headers[HTTPField.Name("X-Request-ID")!] != nil)
            #expect(answer.json["detail"] as? String == "the body is larger than 64 KiB")
            #expect(try await store.heads(IncidentQuery(.any)).isEmpty)
        }
    }

    @Test("A request the document does not allow is answered with what in it does not match, and changes nothing")
    func aMismatchedRequestSaysWhatDoesNotMatch() async throws {
        try await withAPI { client, store in
            func detail(_ answer: Answer) -> String { answer.json["detail"] as? String ?? answer.text }
            let query = try await Self.call(client, .get, "/api/v1/incidents?state=bogus")
            #expect(query.status == .badRequest)
            #expect(detail(query).hasSuffix("`state=bogus` in the query: `state` must be one of `open`, `resolved` or `all`"), "\(detail(query))")
            let unknownQuery = try await Self.call(client, .get, "/api/v1/incidents?since=yesterday")
            #expect(detail(unknownQuery).hasSuffix("a value in the query (`since=yesterday`) is not one the document allows"), "\(detail(unknownQuery))")
            let notANumber = try await Self.call(client, .post, "/api/v1/incidents/abc/commands", json: #"{"command":"note","text":"x"}"#)
            #expect(notANumber.status == .badRequest)
            #expect(detail(notANumber).hasSuffix("`abc` is not an incident number (like `/api/v1/incidents/3`)"), "\(detail(notANumber))")
            let huge = try await Self.call(client, .post, "/api/v1/incidents/99999999999999999999/commands", json: #"{"command":"note","text":"x"}"#)
            #expect(detail(huge).hasSuffix("`99999999999999999999` is not an incident number (like `/api/v1/incidents/3`)"), "\(detail(huge))")
            let missing = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p0"}"#)
            #expect(detail(missing).hasSuffix(": `title` is missing"), "\(detail(missing))")
            let wrong = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p9","title":"x"}"#)
            #expect(detail(wrong).hasSuffix(": `severity` must be one of `p0`, `p1`, `p2` or `p3`"), "\(detail(wrong))")
            let wrongKind = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p1","title":"x","kind":"outage"}"#)
            #expect(detail(wrongKind).hasSuffix(": `kind` must be one of `general`, `security`, `data-breach` or `billing`"), "\(detail(wrongKind))")
            let typo = try await Self.call(client, .post, "/api/v1/incidents", json: #"{"severity":"p2","title":"x y","foo":1}"#)
            #expect(typo.status == .badRequest)
            #expect(detail(typo).hasSuffix(": `foo` is not a field it takes"), "\(detail(typo))")
            let commandTypo = try await Self.call(client, .post, "/api/v1/incidents/1/commands", json: #"{"command":"note","txt":"x"}"#)
            #expect(detail(commandTypo).hasSuffix(": `txt` is not a field it takes"), "\(detail(commandTypo))")
            let untyped = try await client.execute(
                uri: "/api/v1/incidents", method: .post, headers: [.authorization: "Bearer test", .contentType: "text/plain"], body: ByteBuffer(string: #"{"severity":"p0","title":"x"}"#)
            ) { Answer(status: $0.status, headers: $0.headers, body: Data(buffer: $0.body)) }
            #expect(untyped.status == .badRequest)
            #expect(detail(untyped).hasSuffix("send the body as JSON, with `Content-Type: application/json`"), "\(detail(untyped))")
            #expect(try await store.heads(IncidentQuery(.any)).isEmpty)
        }
    }

    @Test("A method a route does not take is answered 405 with the methods it does, as a problem; a hook's too", arguments: [
        (HTTPRequest.Method.delete, "/api/v1/incidents/1", "GET, HEAD"),
        (.put, "/api/v1/incidents", "GET, HEAD, POST"),
        (.get, "/api/v1/incidents/1/commands", "POST"),
        (.post, "/api/v1/policy", "GET, HEAD"),
        (.put, "/hooks/alertmanager", "POST"),
        (.get, "/hooks/grafana", "POST"),
    ])
    func aWrongMethodIs405(method: HTTPRequest.Method, uri: String, allowed: String) async throws {
        try await withAPI { client, store in
            let answer = try await Self.call(client, method, uri)
            #expect(answer.status == .methodNotAllowed, "\(answer.text)")
            #expect(answer.headers[.allow] == allowed)
            #expect(answer.headers[.contentType] == "application/problem+json")
            #expect(answer.json["detail"] as? String == "\(uri.hasPrefix("/api/v1/incidents/1") ? uri.replacingOccurrences(of: "/1", with: "/{id}") : uri) takes \(allowed)")
            #expect(try await store.heads(IncidentQuery(.any)).isEmpty)
        }
    }
}
