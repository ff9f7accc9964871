import Foundation
@testable import KlaxonServer
import Synchronization
import Testing

@Suite("The status page's cache")
struct StatusCacheTests {
    static func document(_ text: String) -> StatusDocument {
        StatusDocument(text, contentType: "text/plain", lastModified: Date(timeIntervalSince1970: 0))
    }

    @Test("Requests that miss together share one rendering")
    func requestsThatMissTogetherShareOneRendering() async throws {
        let cache = StatusCache()
        let renderings = Mutex(0)
        let render: @Sendable () async throws -> StatusDocument = {
            renderings.withLock { $0 += 1 }
            // A slow rendering: every other request arrives while it runs (each yields to the others).
            for _ in 0..<1_000 { await Task.yield() }
            return Self.document("page")
        }
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask { String(buffer: try await cache.document("page", version: 1, render: render).body) }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(bodies == Array(repeating: "page", count: 16))
        #expect(renderings.withLock { $0 } == 1)
    }

    @Test("A new version renders again; an older version's rendering never replaces a newer one")
    func aNewVersionRendersAgain() async throws {
        let cache = StatusCache()
        _ = try await cache.document("page", version: 1) { Self.document("v1") }
        #expect(String(buffer: try await cache.document("page", version: 2) { Self.document("v2") }.body) == "v2")
        _ = try await cache.document("page", version: 1) { Self.document("v1 again") }
        #expect(String(buffer: try await cache.document("page", version: 2) { Self.document("unused") }.body) == "v2")
    }
}
