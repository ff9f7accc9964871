import Crypto
import Foundation

/// The signing secret of local mode: made once, kept in the data directory (owner-only) for `klaxon say`.
public enum LocalSecret {
    public static let fileName = "local-signing-secret"

    /// The path of the secret file in a data directory.
    public static func path(in dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent(fileName)
    }

    /// Reads the secret, creating it if there is none yet.
    public static func loadOrCreate(in dataDirectory: String) throws -> String {
        if let existing = try? read(in: dataDirectory) { return existing }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
        let path = path(in: dataDirectory)
        guard FileManager.default.createFile(atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationError("cannot write the local signing secret to \(path)")
        }
        return secret
    }

    /// Reads the secret of a running local server.
    public static func read(in dataDirectory: String) throws -> String {
        let path = path(in: dataDirectory)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationError(
                "no local signing secret at \(path). If the bot runs from another directory, pass its data directory "
                    + "(`klaxon say --data-dir /path/to/data …`); if it is not running, start it with `klaxon serve`."
            )
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
