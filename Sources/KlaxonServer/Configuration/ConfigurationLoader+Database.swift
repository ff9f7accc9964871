import Configuration
import Foundation
import KlaxonStore

extension ConfigurationLoader {
    /// Only where the store is, for the commands that work on the store alone (`migrate`, `doctor`, `export`…).
    public func storeLocation() throws(ConfigurationError) -> StoreLocation {
        let reader = makeReader()
        if let settings = try postgres(reader) { return .postgres(settings) }
        return .embedded(directory: reader.string(forKey: "klaxon.data.dir") ?? KlaxonConfiguration.defaultDataDirectory)
    }

    /// Reads `KLAXON_DATABASE_URL` (or `_FILE`; a secret, it carries the password), `KLAXON_DATABASE_POOL_SIZE` and
    /// `KLAXON_DATABASE_WAIT` (seconds start-up waits for the server) and `KLAXON_DATABASE_SCHEMA` (the schema for Klaxon's
    /// tables, created if missing; default the server's search path). No URL: the embedded SQLite file.
    func postgres(_ reader: ConfigReader) throws(ConfigurationError) -> PostgresStoreSettings? {
        guard let url = try secretValue(reader, key: "klaxon.database.url", variable: "KLAXON_DATABASE_URL") else {
            let others = [
                ("klaxon.database.pool.size", "KLAXON_DATABASE_POOL_SIZE"), ("klaxon.database.wait", "KLAXON_DATABASE_WAIT"),
                ("klaxon.database.schema", "KLAXON_DATABASE_SCHEMA"),
            ]
            for (key, variable) in others
            where reader.string(forKey: ConfigKey(key)) != nil {
                throw ConfigurationError("\(variable) is set but KLAXON_DATABASE_URL is not: it is a PostgreSQL setting")
            }
            return nil
        }
        var settings = PostgresStoreSettings(url: url)
        if let text = reader.string(forKey: "klaxon.database.pool.size") {
            guard let size = Int(text), (1...500).contains(size) else {
                throw ConfigurationError("KLAXON_DATABASE_POOL_SIZE must be a whole number from 1 to 500, not '\(text)'")
            }
            settings.poolSize = size
        }
        if let text = reader.string(forKey: "klaxon.database.wait") {
            guard let seconds = Int(text), (0...3600).contains(seconds) else {
                throw ConfigurationError("KLAXON_DATABASE_WAIT must be a whole number of seconds from 0 to 3600, not '\(text)'")
            }
            settings.startupWait = .seconds(seconds)
        }
        if let schema = reader.string(forKey: "klaxon.database.schema") {
            guard !schema.isEmpty, schema.count <= 63, schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
                  !(schema.first?.isNumber ?? true)
            else {
                throw ConfigurationError("KLAXON_DATABASE_SCHEMA must be a plain name (letters, digits, _; up to 63), not '\(schema)'")
            }
            settings.schema = schema
        }
        do {
            try PostgresIncidentStore.validate(settings)
        } catch StoreError.badDatabaseURL(let why) {
            throw ConfigurationError("KLAXON_DATABASE_URL: \(why)")
        } catch {
            throw ConfigurationError("KLAXON_DATABASE_URL was refused")
        }
        return settings
    }
}
