import Foundation
import KlaxonStore
import Testing

/// The engines the store contract runs on. PostgreSQL joins when `KLAXON_TEST_POSTGRES_URL` names a server
/// (`make test` starts a throwaway one); without it the PostgreSQL cases are left out with a message, and in CI
/// (`CI` set) `PostgreSQLAvailabilityTests` fails instead.
enum StoreEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqliteMemory
    case sqliteFile
    case postgres

    static let postgresURL: String? = {
        let url = ProcessInfo.processInfo.environment["KLAXON_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }()

    /// Every engine, and SQLite's file and PostgreSQL where a test needs two connections to one database.
    static let all: [StoreEngine] = available([.sqliteMemory, .sqliteFile, .postgres])
    static let shared: [StoreEngine] = available([.sqliteFile, .postgres])

    private static func available(_ engines: [StoreEngine]) -> [StoreEngine] {
        guard postgresURL == nil else { return engines }
        warnOnce
        return engines.filter { $0 != .postgres }
    }

    private static let warnOnce: Void = {
        FileHandle.standardError.write(Data(
            "⚠️  Store contract tests run on SQLite only: KLAXON_TEST_POSTGRES_URL is not set (`make test` starts a PostgreSQL server).\n".utf8
        ))
    }()

    var testDescription: String {
        switch self {
        case .sqliteMemory: "SQLite in memory"
        case .sqliteFile: "SQLite file"
        case .postgres: "PostgreSQL"
        }
    }

    /// A fresh, empty database of this engine.
    func make() -> TestDatabase {
        switch self {
        case .sqliteMemory:
            return TestDatabase(location: .embedded(directory: nil), directory: nil)
        case .sqliteFile:
            let directory = StoreFixtures.temporaryDirectory()
            return TestDatabase(location: .embedded(directory: directory), directory: directory)
        case .postgres:
            // A schema of its own per test: tests run in parallel on one server.
            let schema = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            return TestDatabase(location: .postgres(PostgresStoreSettings(url: Self.postgresURL!, poolSize: 4, schema: schema)), directory: nil)
        }
    }

    /// Opens a fresh store of this engine.
    func open() async throws -> (TestDatabase, StoreHandle) {
        let database = make()
        return (database, try await database.open())
    }
}

/// One test's database: opened as often as the test needs (two replicas, a restart), removed at the end.
struct TestDatabase: Sendable {
    let location: StoreLocation
    let directory: String?

    func open() async throws -> StoreHandle {
        try await location.open(logger: StoreFixtures.logger)
    }

    func remove() {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }
}

@Suite struct PostgreSQLAvailabilityTests {
    @Test func continuousIntegrationRunsTheContractOnPostgreSQL() {
        guard ProcessInfo.processInfo.environment["CI"] != nil else { return }
        #expect(StoreEngine.postgresURL != nil, "CI must run the store contract on PostgreSQL: KLAXON_TEST_POSTGRES_URL is not set")
    }
}
