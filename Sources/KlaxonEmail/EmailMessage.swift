import Foundation

/// A MIME email with a plain-text and an HTML part of the same message.
public struct EmailMessage: Sendable, Equatable {
    public let from: String
    public let to: [String]
    /// Recipients who get it without being named to each other (customers listed one by one).
    public let bcc: [String]
    public let subject: String
    public let text: String
    public let html: String
    /// A stable Message-ID, so a resend after a crash is recognisable as the same message.
    public let messageID: String
    /// The id the incident's emails all refer to (`In-Reply-To`, `References`), so a mail client shows them as one
    /// thread, as the channel does. No email carries it as its own id: any of them may be the first to arrive.
    public let thread: String?
    public let date: Date

    public init(
        from: String, to: [String], bcc: [String] = [], subject: String, text: String, html: String, messageID: String, thread: String? = nil,
        date: Date
    ) {
        self.from = from
        self.to = to
        self.bcc = bcc
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.thread = thread
        self.date = date
    }

    /// Everyone the server is asked to deliver to (SMTP's `RCPT TO`).
    public var envelopeRecipients: [String] { to + bcc }

    /// The same message without one recipient (a blind copy, or one of several named), keeping its Message-ID;
    /// `nil` when it would go to no one.
    func leavingOut(_ address: String) -> EmailMessage? {
        let (to, bcc) = (to.filter { $0 != address }, bcc.filter { $0 != address })
        guard !(to + bcc).isEmpty, to.count + bcc.count < envelopeRecipients.count else { return nil }
        return EmailMessage(from: from, to: to, bcc: bcc, subject: subject, text: text, html: html, messageID: messageID, thread: thread, date: date)
    }

    /// The message as sent over SMTP (CRLF line ends, base64 bodies, encoded subject).
    public func encoded(boundary: String = "klaxon-alternative") -> String {
        var headers = [
            "From: \(from)",
            // RFC 5322's empty group, when everyone is a blind copy.
            Self.folded("To: \(to.isEmpty ? "undisclosed-recipients:;" : to.joined(separator: ", "))"),
            Self.folded("Subject: \(Self.encodedWord(subject))"),
            "Date: \(Self.rfc5322Date(date))",
            // A long id (a long domain, a role's long name) goes on a folded line of its own: lines stay within 78.
            Self.idHeader("Message-ID", messageID),
        ]
        if let thread { headers += [Self.idHeader("In-Reply-To", thread), Self.idHeader("References", thread)] }
        headers += ["MIME-Version: 1.0", "Content-Type: multipart/alternative; boundary=\"\(boundary)\""]
        let parts = [("text/plain", text), ("text/html", html)].map { type, body in
            "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\(Self.base64Lines(body))\r\n"
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined() + "--\(boundary)--\r\n"
    }

    /// A header holding one message id; a long id (a long domain, a role's long name) goes on a folded line of its
    /// own, so lines stay within 78.
    static func idHeader(_ name: String, _ id: String) -> String {
        "\(name):" + ("\(name): <\(id)>".count > 78 ? "\r\n " : " ") + "<\(id)>"
    }

    /// A header folded at its spaces so each line stays within 78 (RFC 5322 2.1.1; a reader unfolds it by dropping
    /// the line breaks). Encoded words come folded already; a single word longer than a line stays whole (78 is a
    /// SHOULD, 998 the MUST, far above the title's limit).
    static func folded(_ header: String) -> String {
        guard header.count > 78, !header.contains("\r\n") else { return header }
        var lines: [String] = []
        var line: String?
        for word in header.split(separator: " ", omittingEmptySubsequences: false) {
            guard let current = line else {
                line = String(word)
                continue
            }
            // A continuation line starts with the space that was folded.
            let length = current.count + 1 + word.count + (lines.isEmpty ? 0 : 1)
            if length > 78, !word.isEmpty, !current.isEmpty {
                lines.append(current)
                line = String(word)
            } else {
                line = current + " " + word
            }
        }
        return (lines + [line ?? ""]).joined(separator: "\r\n ")
    }

    /// RFC 2047 encoding for a subject that isn't plain ASCII: encoded words of at most 68 characters (42 bytes of
    /// UTF-8 each, never splitting a character), one to a folded line, so even the first, after `Subject: `, stays
    /// within 78. One word for a long title made a line servers refuse (a title of 280 emoji: 1,500 characters,
    /// answered 500, the email lost); words of 45 bytes made a first line of 81.
    static func encodedWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 32 }) else { return text }
        var words: [String] = []
        var chunk = Data()
        for scalar in text.unicodeScalars {
            let bytes = Data(String(scalar).utf8)
            if chunk.count + bytes.count > 42 {
                words.append(chunk.base64EncodedString())
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append(chunk.base64EncodedString()) }
        return words.map { "=?UTF-8?B?\($0)?=" }.joined(separator: "\r\n ")
    }

    /// A sender's name as a header shows it: quoted when it holds punctuation, encoded when it is not ASCII.
    static func displayName(_ name: String) -> String {
        if name.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 32 }) { return encodedWord(name) }
        let plain = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || "!#$%&'*+-/=?^_`{|}~".contains($0) }
        return plain ? name : "\"" + name.replacingOccurrences(of: "\\", with: "\\\\") + "\""
    }

    static func base64Lines(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
