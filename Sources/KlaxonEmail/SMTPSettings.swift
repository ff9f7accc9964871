import Foundation

/// Where and how to send email: `KLAXON_SMTP_URL`, `KLAXON_SMTP_USER`, `KLAXON_SMTP_PASSWORD`, `KLAXON_EMAIL_FROM`.
public struct SMTPSettings: Sendable, Equatable {
    /// `smtp://host:port` (STARTTLS when offered, required with credentials) or `smtps://host:port` (TLS from the start).
    public let url: String
    public let user: String?
    public let password: String?
    public let from: String

    /// Checks the URL and sender; the message says what is wrong without showing the password.
    public init(url: String, user: String?, password: String?, from: String) throws(SMTPSettingsError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              ["smtp", "smtps"].contains(scheme), let host = components.host, !host.isEmpty else {
            throw SMTPSettingsError("KLAXON_SMTP_URL must look like smtp://host:587 or smtps://host:465")
        }
        guard components.user == nil, components.password == nil else {
            throw SMTPSettingsError("put SMTP credentials in KLAXON_SMTP_USER and KLAXON_SMTP_PASSWORD, not in KLAXON_SMTP_URL")
        }
        guard from.contains("@") else { throw SMTPSettingsError("KLAXON_EMAIL_FROM must be an email address") }
        guard (user == nil) == (password == nil) else {
            throw SMTPSettingsError("set both KLAXON_SMTP_USER and KLAXON_SMTP_PASSWORD, or neither")
        }
        self.url = url
        self.user = user
        self.password = password
        self.from = from
    }

    var host: String { URLComponents(string: url)?.host ?? "" }
    var implicitTLS: Bool { url.lowercased().hasPrefix("smtps://") }

    /// With credentials STARTTLS is required, so a password never crosses the network in clear; loopback relays are trusted.
    var requiresTLS: Bool {
        user != nil && !["127.0.0.1", "localhost", "::1"].contains(host)
    }
}

/// A bad SMTP setting, reported at start-up.
public struct SMTPSettingsError: Error, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
