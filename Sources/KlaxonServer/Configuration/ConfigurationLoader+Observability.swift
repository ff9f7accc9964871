import Configuration
import Foundation

extension ConfigurationLoader {
    /// The metrics port and the readiness limits.
    func observability(_ reader: ConfigReader, into configuration: inout KlaxonConfiguration) throws(ConfigurationError) {
        configuration.metricsPort = try port(reader, key: "klaxon.metrics.port", names: "--metrics-port or KLAXON_METRICS_PORT")
        if let metricsPort = configuration.metricsPort, metricsPort == configuration.port {
            throw ConfigurationError("KLAXON_METRICS_PORT must differ from the main port \(configuration.port), or be left unset to serve /metrics there")
        }
        try statusPage(reader, into: &configuration)
        configuration.tls = try tls(reader)
        if let text = reader.string(forKey: "klaxon.shutdown.grace") {
            guard let seconds = Double(text), seconds > 0 else {
                throw ConfigurationError("KLAXON_SHUTDOWN_GRACE must be a positive number of seconds, not '\(text)'")
            }
            configuration.shutdownGrace = seconds
        }
        if let text = reader.string(forKey: "klaxon.ready.outbox.age") {
            guard let seconds = Double(text), seconds > 0 else {
                throw ConfigurationError("KLAXON_READY_OUTBOX_AGE must be a positive number of seconds, not '\(text)'")
            }
            configuration.readiness.outboxAge = seconds
        }
    }
}

extension ConfigurationLoader {
    /// The status page's own port and public address.
    func statusPage(_ reader: ConfigReader, into configuration: inout KlaxonConfiguration) throws(ConfigurationError) {
        configuration.statusPort = try port(reader, key: "klaxon.status.port", names: "--status-port or KLAXON_STATUS_PORT")
        if let statusPort = configuration.statusPort, statusPort == configuration.port || statusPort == configuration.metricsPort {
            throw ConfigurationError("KLAXON_STATUS_PORT must differ from the main port and the metrics port, or be left unset to serve /status on the main port only")
        }
        if let url = reader.string(forKey: "klaxon.public.url"), !url.isEmpty {
            guard let parts = URLComponents(string: url), ["http", "https"].contains(parts.scheme?.lowercased() ?? ""), parts.host?.isEmpty == false,
                  parts.query == nil, parts.fragment == nil else {
                throw ConfigurationError("KLAXON_PUBLIC_URL must be an http(s) address like https://status.example.com, not '\(url)'")
            }
            configuration.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
    }
}

extension ConfigurationLoader {
    /// The certificate and key files; the key's path may come as `KLAXON_TLS_KEY_FILE` (as other secrets' do). Both
    /// or neither; whether they hold a good pair is checked when the server starts.
    func tls(_ reader: ConfigReader) throws(ConfigurationError) -> TLSFiles? {
        let certificate = reader.string(forKey: "klaxon.tls.cert")
        var key = reader.string(forKey: "klaxon.tls.key")
        if let path = environment["KLAXON_TLS_KEY_FILE"], !path.isEmpty {
            guard key == nil else { throw ConfigurationError("set KLAXON_TLS_KEY or KLAXON_TLS_KEY_FILE, not both") }
            key = path
        }
        switch (certificate, key) {
        case (nil, nil):
            return nil
        case (let certificate?, let key?):
            return TLSFiles(certificatePath: certificate, keyPath: key)
        case (nil, _):
            throw ConfigurationError("--tls-key (KLAXON_TLS_KEY) is set but --tls-cert (KLAXON_TLS_CERT) is not: HTTPS needs both")
        case (_, nil):
            throw ConfigurationError("--tls-cert (KLAXON_TLS_CERT) is set but --tls-key (KLAXON_TLS_KEY) is not: HTTPS needs both")
        }
    }
}
