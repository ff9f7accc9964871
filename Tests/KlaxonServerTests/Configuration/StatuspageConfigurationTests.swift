import Foundation
import KlaxonServer
import Testing

@Suite("Statuspage configuration")
struct StatuspageConfigurationTests {
    @Test("The page id and the key turn the sync on, with Statuspage's API unless another is given", arguments: [
        ([String: String](), StatuspageConfiguration.defaultAPI),
        (["KLAXON_STATUSPAGE_API_URL": "http://127.0.0.1:9999/v1"], "http://127.0.0.1:9999/v1"),
    ])
    func thePageIdAndTheKeyTurnTheSyncOn(extra: [String: String], api: String) throws {
        let environment = ["KLAXON_STATUSPAGE_PAGE_ID": "kctbh9vrtdwd", "KLAXON_STATUSPAGE_API_KEY": "sp-key"].merging(extra) { _, new in new }
        let configuration = try ConfigurationLoader(environment: environment).load()
        #expect(configuration.statuspage == StatuspageConfiguration(pageID: "kctbh9vrtdwd", apiKey: "sp-key", apiURL: api))
    }

    @Test("The key may come from a file")
    func theKeyMayComeFromAFile() throws {
        let path = NSTemporaryDirectory() + "klaxon-statuspage-key-\(UUID().uuidString)"
        try "sp-key-from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try ConfigurationLoader(environment: ["KLAXON_STATUSPAGE_PAGE_ID": "kctbh9vrtdwd", "KLAXON_STATUSPAGE_API_KEY_FILE": path]).load()
        #expect(configuration.statuspage?.apiKey == "sp-key-from-file")
    }

    @Test("Without either setting there is no sync")
    func withoutEitherSettingThereIsNoSync() throws {
        #expect(try ConfigurationLoader(environment: [:]).load().statuspage == nil)
    }

    @Test("Incomplete or malformed Statuspage settings stop start-up with what to fix, never showing the key", arguments: [
        (["KLAXON_STATUSPAGE_API_KEY": "sp-secret-key"], "KLAXON_STATUSPAGE_API_KEY is set but KLAXON_STATUSPAGE_PAGE_ID is not: the Statuspage sync needs both"),
        (["KLAXON_STATUSPAGE_PAGE_ID": "kctbh9vrtdwd"], "KLAXON_STATUSPAGE_PAGE_ID is set but KLAXON_STATUSPAGE_API_KEY (or KLAXON_STATUSPAGE_API_KEY_FILE) is not"),
        (["KLAXON_STATUSPAGE_PAGE_ID": "https://acme.statuspage.io", "KLAXON_STATUSPAGE_API_KEY": "sp-secret-key"],
         "KLAXON_STATUSPAGE_PAGE_ID must be the page's id (letters and digits), not 'https://acme.statuspage.io'"),
        (["KLAXON_STATUSPAGE_PAGE_ID": "kctbh9vrtdwd", "KLAXON_STATUSPAGE_API_KEY": "sp-secret-key", "KLAXON_STATUSPAGE_API_URL": "api.statuspage.io"],
         "KLAXON_STATUSPAGE_API_URL must be an http(s) URL"),
    ])
    func incompleteSettingsStopStartUp(environment: [String: String], message: String) {
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader(environment: environment).load() }
        #expect(error == ConfigurationError(message))
        #expect(error.map { !String(describing: $0).contains("sp-secret-key") } == true)
    }

    @Test("The configuration's description, as a log line would show it, names the page but never the key")
    func theDescriptionNeverShowsTheKey() throws {
        let environment = ["KLAXON_STATUSPAGE_PAGE_ID": "kctbh9vrtdwd", "KLAXON_STATUSPAGE_API_KEY": "sp-secret-key"]
        let configuration = try #require(try ConfigurationLoader(environment: environment).load().statuspage)
        #expect(String(describing: configuration).contains("kctbh9vrtdwd"))
        #expect(!String(describing: configuration).contains("sp-secret-key"))
        #expect(!String(reflecting: configuration).contains("sp-secret-key"))
    }
}
