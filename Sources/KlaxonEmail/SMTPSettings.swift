import Foundation
import KlaxonCore

/// Where and how to send email: `KLAXON_SMTP_URL`, `KLAXON_SMTP_USER`, `KLAXON_SMTP_PASSWORD`, `KLAXON_EMAIL_FROM`.
public struct SMTPSettings: Sendable, Equatable {
    /// `smtp://host:port` (STARTTLS when offered, required with credentials) or `smtps://host:port` (TLS from the start).
    public let url: String
    public let user: String?
    public let password: String?
    /// The `From:` header: the address, or `Name <address>` when a name was given.
    public let from: String
    /// The sender's address alone: SMTP's `MAIL FROM`, and the domain of Message-IDs.
    public let address: String

    /// Checks the URL and sender; the message says what is wrong without showing the password.
    public init(url: String, user: String?, password: String?, from: String) throws(SMTPSettingsError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              ["smtp", "smtps"].contains(scheme), let host = components.host, !host.isEmpty else {
            throw SMTPSettingsError("KLAXON_SMTP_URL must look like smtp://host:587 or smtps://host:465")
        }
        guard components.user == nil, components.password == nil else {
            throw SMTPSettingsError("put SMTP credentials in KLAXON_SMTP_USER and KLAXON_SMTP_PASSWORD, not in KLAXON_SMTP_URL")
        }
        let (name, address) = try Self.sender(from)
        guard (user == nil) == (password == nil) else {
            throw SMTPSettingsError("set both KLAXON_SMTP_USER and KLAXON_SMTP_PASSWORD, or neither")
        }
        self.url = url
        self.user = user
        self.password = password
        self.address = address
        self.from = name.map { "\(EmailMessage.displayName($0)) <\(address)>" } ?? address
    }

    /// `klaxon@example.com` or `Klaxon <klaxon@example.com>` (the name quoted or not) as a name and an address. A
    /// name taken for part of the address sent `MAIL FROM:<Klaxon <klaxon@example.com>>`, which servers refuse: every
    /// email was lost after a clean start-up.
    static func sender(_ text: String) throws(SMTPSettingsError) -> (name: String?, address: String) {
        let problem = SMTPSettingsError("KLAXON_EMAIL_FROM must be an email address, alone or as Name <address>: klaxon@example.com or Klaxon <klaxon@example.com>")
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.contains(where: { $0 == "\r" || $0 == "\n" }) else { throw problem }
        var name: String?
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let written = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            let unquoted = written.count >= 2 && written.hasPrefix("\"") && written.hasSuffix("\"") ? String(written.dropFirst().dropLast()) : written
            name = unquoted.isEmpty ? nil : unquoted
        }
        guard EmailAddress.isValid(address) else { throw problem }
        if let name, name.contains(where: { "<>\"".contains($0) }) { throw problem }
        return (name, address)
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
