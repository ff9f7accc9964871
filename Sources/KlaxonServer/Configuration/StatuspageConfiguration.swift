/// The Atlassian Statuspage page that public incidents are copied to (optional).
public struct StatuspageConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// The page's id (`KLAXON_STATUSPAGE_PAGE_ID`).
    public var pageID: String
    /// The API key (`KLAXON_STATUSPAGE_API_KEY` or `_FILE`), sent as `Authorization: OAuth <key>`.
    public var apiKey: String
    /// `https://api.statuspage.io/v1`, or a test's fake (`KLAXON_STATUSPAGE_API_URL`).
    public var apiURL: String

    public static let defaultAPI = "https://api.statuspage.io/v1"

    public init(pageID: String, apiKey: String, apiURL: String = defaultAPI) {
        self.pageID = pageID
        self.apiKey = apiKey
        self.apiURL = apiURL
    }

    /// What a log line or an error may show: never the key.
    public var description: String { "Statuspage page \(pageID) at \(apiURL) (API key set)" }
}
