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
    @Option(name: .customLong("metrics-port"), help: "Serve /metrics on this port only, not the main one (KLAXON_METRICS_PORT).") var metricsPort: Int?
    @Option(name: .customLong("status-port"), help: "Serve the status page on this port as well, alone (KLAXON_STATUS_PORT).") var statusPort: Int?
    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS (HTTP/1.1 and HTTP/2) with this PEM certificate chain (KLAXON_TLS_CERT).") var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "The PEM private key for --tls-cert (KLAXON_TLS_KEY or KLAXON_TLS_KEY_FILE). SIGHUP reloads both.") var tlsKey: String?
    @Option(name: .customLong("log-level"), help: "Least level logged: trace, debug, info, notice, warning, error, critical (KLAXON_LOG_LEVEL; default info).") var logLevel: String?
    @Option(name: .customLong("log-format"), help: "text or json, one object a line (KLAXON_LOG_FORMAT; default text).") var logFormat: String?
    @Option(help: "People file: who each role is on each platform (KLAXON_PEOPLE).") var people: String?

    func run() async throws {
        var arguments: [AbsoluteConfigKey: ConfigValue] = [:]
        if let host { arguments["klaxon.host"] = .init(.string(host), isSecret: false) }
        if let port { arguments["klaxon.port"] = .init(.string(String(port)), isSecret: false) }
        if let dataDir { arguments["klaxon.data.dir"] = .init(.string(dataDir), isSecret: false) }
        if let databaseURL { arguments["klaxon.database.url"] = .init(.string(databaseURL), isSecret: true) }
        if let policy { arguments["klaxon.policy"] = .init(.string(policy), isSecret: false) }
        if let templates { arguments["klaxon.templates"] = .init(.string(templates), isSecret: false) }
        if let tlsCert { arguments["klaxon.tls.cert"] = .init(.string(tlsCert), isSecret: false) }
        if let tlsKey { arguments["klaxon.tls.key"] = .init(.string(tlsKey), isSecret: false) }
        if let metricsPort { arguments["klaxon.metrics.port"] = .init(.string(String(metricsPort)), isSecret: false) }
        if let statusPort { arguments["klaxon.status.port"] = .init(.string(String(statusPort)), isSecret: false) }
        if let people { arguments["klaxon.people"] = .init(.string(people), isSecret: false) }
        do {
            let environment = ProcessInfo.processInfo.environment
            try LogSettings.parse(level: logLevel ?? environment["KLAXON_LOG_LEVEL"], format: logFormat ?? environment["KLAXON_LOG_FORMAT"]).bootstrap()
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
