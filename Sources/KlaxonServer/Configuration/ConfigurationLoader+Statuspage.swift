import Configuration

extension ConfigurationLoader {
    /// The Statuspage sync: a page id and an API key, both or neither.
    func statuspage(_ reader: ConfigReader) throws(ConfigurationError) -> StatuspageConfiguration? {
        let key = try secretValue(reader, key: "klaxon.statuspage.api.key", variable: "KLAXON_STATUSPAGE_API_KEY")
        let page = reader.string(forKey: "klaxon.statuspage.page.id")
        switch (page, key) {
        case (nil, nil):
            return nil
        case (nil, _):
            throw ConfigurationError("KLAXON_STATUSPAGE_API_KEY is set but KLAXON_STATUSPAGE_PAGE_ID is not: the Statuspage sync needs both")
        case (_, nil):
            throw ConfigurationError("KLAXON_STATUSPAGE_PAGE_ID is set but KLAXON_STATUSPAGE_API_KEY (or KLAXON_STATUSPAGE_API_KEY_FILE) is not")
        case (let page?, let key?):
            guard !page.isEmpty, page.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw ConfigurationError("KLAXON_STATUSPAGE_PAGE_ID must be the page's id (letters and digits), not '\(page)'")
            }
            let api = reader.string(forKey: "klaxon.statuspage.api.url") ?? StatuspageConfiguration.defaultAPI
            guard api.hasPrefix("https://") || api.hasPrefix("http://") else {
                throw ConfigurationError("KLAXON_STATUSPAGE_API_URL must be an http(s) URL")
            }
            return StatuspageConfiguration(pageID: page, apiKey: key, apiURL: api)
        }
    }
}
