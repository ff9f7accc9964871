import KlaxonServer
import Testing

/// The settings for running it: HTTPS files, the metrics port, readiness and shutdown limits.
@Suite struct OperationsConfigurationTests {
    @Test func withoutSettingsItServesPlainHTTPWithMetricsOnTheMainPort() throws {
        let configuration = try ConfigurationLoader(environment: [:]).load()
        #expect(configuration.tls == nil)
        #expect(configuration.metricsPort == nil)
        #expect(configuration.readiness == Readiness.Limits(schedulerLag: 30, outboxAge: 900))
        #expect(configuration.shutdownGrace == 25)
    }

    @Test func theEnvironmentSetsEachOfThem() throws {
        let configuration = try ConfigurationLoader(environment: [
            "KLAXON_TLS_CERT": "/tls/cert.pem", "KLAXON_TLS_KEY_FILE": "/run/secrets/key.pem", "KLAXON_METRICS_PORT": "9100",
            "KLAXON_READY_OUTBOX_AGE": "120", "KLAXON_SHUTDOWN_GRACE": "5",
        ]).load()
        #expect(configuration.tls == TLSFiles(certificatePath: "/tls/cert.pem", keyPath: "/run/secrets/key.pem"))
        #expect(configuration.metricsPort == 9100)
        #expect(configuration.readiness.outboxAge == 120)
        #expect(configuration.shutdownGrace == 5)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let environment: [String: String]
        let says: String
        var testDescription: String { says }
    }

    @Test(arguments: [
        Refusal(environment: ["KLAXON_TLS_CERT": "/c.pem"], says: "--tls-key (KLAXON_TLS_KEY) is not"),
        Refusal(environment: ["KLAXON_TLS_KEY": "/k.pem"], says: "--tls-cert (KLAXON_TLS_CERT) is not"),
        Refusal(environment: ["KLAXON_TLS_CERT": "/c.pem", "KLAXON_TLS_KEY": "/k.pem", "KLAXON_TLS_KEY_FILE": "/k2.pem"], says: "not both"),
        Refusal(environment: ["KLAXON_METRICS_PORT": "70000"], says: "KLAXON_METRICS_PORT"),
        Refusal(environment: ["KLAXON_METRICS_PORT": "8080"], says: "must differ from the main port"),
        Refusal(environment: ["KLAXON_READY_OUTBOX_AGE": "0"], says: "KLAXON_READY_OUTBOX_AGE"),
        Refusal(environment: ["KLAXON_SHUTDOWN_GRACE": "soon"], says: "KLAXON_SHUTDOWN_GRACE"),
    ])
    func aMistakeStopsStartUpSayingWhatToFix(_ refusal: Refusal) {
        do {
            _ = try ConfigurationLoader(environment: refusal.environment).load()
            Issue.record("accepted \(refusal.environment)")
        } catch {
            #expect(error.message.contains(refusal.says), "\(error.message)")
        }
    }
}

/// The status page's own port and public address.
@Suite struct StatusPageConfigurationTests {
    @Test func theStatusPortAndPublicURLComeFromTheEnvironment() throws {
        let configuration = try ConfigurationLoader(environment: [
            "KLAXON_STATUS_PORT": "8443", "KLAXON_PUBLIC_URL": "https://status.example.com/",
        ]).load()
        #expect(configuration.statusPort == 8443)
        #expect(configuration.publicURL == "https://status.example.com")
        let unset = try ConfigurationLoader(environment: [:]).load()
        #expect(unset.statusPort == nil && unset.publicURL == nil)
    }

    @Test(arguments: [
        (["KLAXON_STATUS_PORT": "8080"], "KLAXON_STATUS_PORT must differ"),
        (["KLAXON_STATUS_PORT": "9100", "KLAXON_METRICS_PORT": "9100"], "KLAXON_STATUS_PORT must differ"),
        (["KLAXON_STATUS_PORT": "http"], "KLAXON_STATUS_PORT"),
        (["KLAXON_PUBLIC_URL": "status.example.com"], "KLAXON_PUBLIC_URL must be an http(s) address"),
        (["KLAXON_PUBLIC_URL": "ftp://status.example.com"], "KLAXON_PUBLIC_URL must be an http(s) address"),
        (["KLAXON_PUBLIC_URL": "https://status.example.com/?x=1"], "KLAXON_PUBLIC_URL must be an http(s) address"),
    ] as [([String: String], String)])
    func aMistakeStopsStartUp(environment: [String: String], says: String) {
        do {
            _ = try ConfigurationLoader(environment: environment).load()
            Issue.record("accepted \(environment)")
        } catch {
            #expect(error.message.contains(says), "\(error.message)")
        }
    }
}
