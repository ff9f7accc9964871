import ArgumentParser
import Foundation
import Configuration
import KlaxonPolicy
import KlaxonServer
import Logging

/// `klaxon serve`: runs the bot.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the bot. Without KLAXON_SLACK_SIGNING_SECRET it runs in local mode on 127.0.0.1."
    )

    @Option(help: "Address to listen on (KLAXON_HOST; default 0.0.0.0, or 127.0.0.1 in local mode).") var host: String?
    @Option(help: "Port to listen on (KLAXON_PORT; default 8080).") var port: Int?
    @Option(name: .customLong("data-dir"), help: "Directory for the embedded database (KLAXON_DATA_DIR; default ./data).") var dataDir: String?
    @Option(
        name: .customLong("database-url"),
        help: "PostgreSQL instead of the embedded database, for several replicas: postgres://user:password@host:5432/db (KLAXON_DATABASE_URL or KLAXON_DATABASE_URL_FILE; pool size KLAXON_DATABASE_POOL_SIZE)."
    )
    var databaseURL: String?
    @Option(help: "Policy file replacing the built-in playbook (KLAXON_POLICY).") var policy: String?
    @Option(help: "Template directory laid over the built-in templates (KLAXON_TEMPLATES).") var templates: String?
    @Option(help: "People file: who each role is on each platform (KLAXON_PEOPLE).") var people: String?

    func run() async throws {
        var arguments: [AbsoluteConfigKey: ConfigValue] = [:]
        if let host { arguments["klaxon.host"] = .init(.string(host), isSecret: false) }
        if let port { arguments["klaxon.port"] = .init(.string(String(port)), isSecret: false) }
        if let dataDir { arguments["klaxon.data.dir"] = .init(.string(dataDir), isSecret: false) }
        if let databaseURL { arguments["klaxon.database.url"] = .init(.string(databaseURL), isSecret: true) }
        if let policy { arguments["klaxon.policy"] = .init(.string(policy), isSecret: false) }
        if let templates { arguments["klaxon.templates"] = .init(.string(templates), isSecret: false) }
        if let people { arguments["klaxon.people"] = .init(.string(people), isSecret: false) }
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        do {
            let configuration = try ConfigurationLoader(arguments: arguments).load()
            try await KlaxonServer.serve(configuration, logger: Logger(label: "klaxon"))
        } catch let error as ConfigurationError {
            throw fail(error.message)
        } catch let error as PolicyErrors {
            FileHandle.standardError.write(Data(("klaxon: the policy was refused\n" + error.description + "\n").utf8))
            throw ExitCode.failure
        }
    }
}
