import Configuration
import Foundation

extension ConfigurationLoader {
    /// Reads `KLAXON_REQUEST_TIMEOUT` (seconds a client has to send a request) and `KLAXON_MAX_CONNECTIONS`.
    func connections(_ reader: ConfigReader) throws(ConfigurationError) -> ConnectionLimits {
        var limits = ConnectionLimits()
        if let text = reader.string(forKey: "klaxon.request.timeout") {
            guard let seconds = TimeInterval(text), seconds.isFinite, seconds > 0, seconds <= 3600 else {
                throw ConfigurationError("KLAXON_REQUEST_TIMEOUT must be a number of seconds above 0 and at most 3600, not '\(text)'")
            }
            limits.requestTimeout = seconds
        }
        if let text = reader.string(forKey: "klaxon.max.connections") {
            guard let count = Int(text), count > 0 else {
                throw ConfigurationError("KLAXON_MAX_CONNECTIONS must be a whole number above 0, not '\(text)'")
            }
            limits.maxConnections = count
        }
        return limits
    }
}
