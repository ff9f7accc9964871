import KlaxonServer
import Testing

/// `KLAXON_REQUEST_TIMEOUT` and `KLAXON_MAX_CONNECTIONS`: defaults, values, and refusals at start-up.
@Suite struct ConnectionConfigurationTests {
    @Test func withoutSettingsConnectionsGetTenSecondsAndAThousandAndTwentyFourAtOnce() throws {
        let configuration = try ConfigurationLoader(environment: [:]).load()
        #expect(configuration.connections == ConnectionLimits(requestTimeout: 10, maxConnections: 1024))
    }

    @Test func theEnvironmentSetsTheTimeoutAndTheCap() throws {
        let configuration = try ConfigurationLoader(environment: ["KLAXON_REQUEST_TIMEOUT": "2.5", "KLAXON_MAX_CONNECTIONS": "64"]).load()
        #expect(configuration.connections == ConnectionLimits(requestTimeout: 2.5, maxConnections: 64))
    }

    @Test(arguments: [
        ["KLAXON_REQUEST_TIMEOUT": "0"], ["KLAXON_REQUEST_TIMEOUT": "-1"], ["KLAXON_REQUEST_TIMEOUT": "soon"],
        ["KLAXON_REQUEST_TIMEOUT": "nan"], ["KLAXON_MAX_CONNECTIONS": "0"], ["KLAXON_MAX_CONNECTIONS": "many"],
    ])
    func aNonsensicalLimitStopsStartUp(_ environment: [String: String]) {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: environment).load()
        }
    }
}
