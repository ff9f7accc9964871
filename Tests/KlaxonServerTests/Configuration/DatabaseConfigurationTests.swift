import Configuration
import Foundation
import KlaxonServer
import KlaxonStore
import Testing

/// `KLAXON_DATABASE_URL` and its companions: PostgreSQL when set, the embedded file otherwise, the password never
/// in a message.
@Suite struct DatabaseConfigurationTests {
    static let url = "postgres://klaxon:hunter2@db.internal:5432/klaxon?sslmode=require"

    @Test func withoutAURLTheIncidentsStayInTheDataDirectory() throws {
        let configuration = try ConfigurationLoader(environment: ["KLAXON_DATA_DIR": "/var/lib/klaxon"]).load()
        #expect(configuration.store == .embedded(directory: "/var/lib/klaxon"))
    }

    @Test func aURLSelectsPostgreSQLWithItsPoolWaitAndSchema() throws {
        let configuration = try ConfigurationLoader(environment: [
            "KLAXON_DATABASE_URL": Self.url, "KLAXON_DATABASE_POOL_SIZE": "20", "KLAXON_DATABASE_WAIT": "5", "KLAXON_DATABASE_SCHEMA": "klaxon_prod",
        ]).load()
        #expect(configuration.store == .postgres(PostgresStoreSettings(url: Self.url, poolSize: 20, startupWait: .seconds(5), schema: "klaxon_prod")))
        #expect("\(configuration.store)" == "PostgreSQL at postgres://klaxon@db.internal:5432/klaxon")
    }

    @Test func theURLCanComeFromAFileAndTheCommandLineWins() throws {
        let path = NSTemporaryDirectory() + "klaxon-db-url-\(UUID().uuidString)"
        try (Self.url + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ConfigurationLoader(environment: ["KLAXON_DATABASE_URL_FILE": path]).storeLocation() == .postgres(PostgresStoreSettings(url: Self.url)))
        let other = "postgres://klaxon@other/klaxon"
        let arguments: [AbsoluteConfigKey: ConfigValue] = ["klaxon.database.url": .init(.string(other), isSecret: true)]
        #expect(try ConfigurationLoader(arguments: arguments, environment: ["KLAXON_DATABASE_URL": Self.url]).storeLocation() == .postgres(PostgresStoreSettings(url: other)))
    }

    @Test(arguments: [
        (["KLAXON_DATABASE_URL": "mysql://klaxon:hunter2@db/klaxon"], "must look like postgres://"),
        (["KLAXON_DATABASE_URL": "postgres://klaxon:hunter2@db/klaxon?sslmode=maybe"], "sslmode"),
        (["KLAXON_DATABASE_URL": url, "KLAXON_DATABASE_POOL_SIZE": "0"], "KLAXON_DATABASE_POOL_SIZE"),
        (["KLAXON_DATABASE_URL": url, "KLAXON_DATABASE_WAIT": "soon"], "KLAXON_DATABASE_WAIT"),
        (["KLAXON_DATABASE_URL": url, "KLAXON_DATABASE_SCHEMA": "x; DROP TABLE incidents"], "KLAXON_DATABASE_SCHEMA"),
        (["KLAXON_DATABASE_POOL_SIZE": "4"], "KLAXON_DATABASE_URL is not"),
    ])
    func aMistakeIsNamedWithoutThePassword(_ environment: [String: String], _ expected: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader(environment: environment).load() }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("hunter2") == false)
    }
}
