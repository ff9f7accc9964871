import Configuration

extension ConfigurationLoader {
    /// Reads `KLAXON_API_TOKENS_FILE` (a malformed file stops start-up with its file and line) and
    /// `KLAXON_API_RATE_LIMIT` (requests per minute per token; bursts of half that).
    func api(_ reader: ConfigReader, into configuration: inout KlaxonConfiguration) throws(ConfigurationError) {
        if let path = environment["KLAXON_API_TOKENS_FILE"], !path.isEmpty {
            do throws(APITokenFile.Problem) {
                configuration.apiTokens = try APITokenFile.load(path: path)
            } catch {
                throw ConfigurationError("KLAXON_API_TOKENS_FILE: \(error.description)")
            }
        }
        if let text = reader.string(forKey: "klaxon.api.rate.limit") {
            guard let perMinute = Int(text), (1...1_000_000).contains(perMinute) else {
                throw ConfigurationError("KLAXON_API_RATE_LIMIT must be a number of requests per minute from 1 to 1000000, not '\(text)'")
            }
            configuration.apiRateLimit = RateLimiter.Limit(perMinute: perMinute, burst: max(1, perMinute / 2))
        }
    }
}
