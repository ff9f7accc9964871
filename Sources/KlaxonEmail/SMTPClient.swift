import CCurlShim
import Foundation
import KlaxonPolicy

/// Sends email through libcurl's SMTP support, off the cooperative thread pool (libcurl blocks).
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    public let timeoutSeconds: Int

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public init(settings: SMTPSettings, timeoutSeconds: Int = 30) {
        self.settings = settings
        self.timeoutSeconds = timeoutSeconds
    }

    /// Sends `message`; returns the recipients the server refused while it took it for the others. One stale
    /// address on a customer list made the server's refusal fail the whole message: nobody was told.
    @discardableResult
    public func send(_ message: EmailMessage) async throws(DeliveryFailure) -> [String] {
        let settings = self.settings
        let timeout = timeoutSeconds
        let result: Result<[String], DeliveryFailure> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Self.transfer(message, settings: settings, timeout: timeout))
            }
        }
        return try result.get()
    }

    /// One blocking SMTP transaction.
    private static func transfer(_ message: EmailMessage, settings: SMTPSettings, timeout: Int) -> Result<[String], DeliveryFailure> {
        _ = globalInit
        guard let curl = curl_easy_init() else { return .failure(.transient("libcurl could not start")) }
        defer { curl_easy_cleanup(curl) }
        var recipients: UnsafeMutablePointer<curl_slist>?
        for address in message.envelopeRecipients { recipients = curl_slist_append(recipients, "<\(address)>") }
        defer { curl_slist_free_all(recipients) }
        let payload = ReadContext(Array(message.encoded().utf8))
        let context = Unmanaged.passRetained(payload)
        defer { context.release() }

        klaxon_curl_setopt_string(curl, CURLOPT_URL, settings.url)
        klaxon_curl_setopt_string(curl, CURLOPT_MAIL_FROM, "<\(settings.address)>")
        klaxon_curl_setopt_pointer(curl, CURLOPT_MAIL_RCPT, UnsafeMutableRawPointer(recipients))
        klaxon_curl_setopt_long(curl, CURLOPT_UPLOAD, 1)
        klaxon_curl_setopt_read_function(curl, readCallback)
        klaxon_curl_setopt_pointer(curl, CURLOPT_READDATA, context.toOpaque())
        klaxon_curl_setopt_long(curl, CURLOPT_TIMEOUT, timeout)
        klaxon_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        if !settings.implicitTLS {
            klaxon_curl_setopt_long(curl, CURLOPT_USE_SSL, Int(settings.requiresTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
        }
        if let user = settings.user, let password = settings.password {
            klaxon_curl_setopt_string(curl, CURLOPT_USERNAME, user)
            klaxon_curl_setopt_string(curl, CURLOPT_PASSWORD, password)
        }
        var trace = klaxon_refused_recipients()
        let code = withUnsafeMutablePointer(to: &trace) { trace in
            klaxon_curl_allow_refused_recipients(curl, trace)
            return curl_easy_perform(curl)
        }
        var response: Int = 0
        klaxon_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &response)
        let refused = withUnsafeBytes(of: &trace.refused) { bytes in
            String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
        }.split(separator: "\n").map(String.init)
        return classify(code, smtpCode: response).map { refused }
    }

    /// Maps libcurl's result and the server's last reply onto retry-or-not.
    static func classify(_ code: CURLcode, smtpCode: Int) -> Result<Void, DeliveryFailure> {
        if code == CURLE_OK { return .success(()) }
        let reason = "SMTP: \(String(cString: curl_easy_strerror(code)))" + (smtpCode > 0 ? " (\(smtpCode))" : "")
        switch code {
        case CURLE_LOGIN_DENIED, CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_USE_SSL_FAILED:
            return .failure(.permanent(reason))
        default:
            // 5xx replies (mailbox unknown, relay denied) won't change on retry; 4xx and network errors may.
            return .failure(smtpCode >= 500 ? .permanent(reason) : .transient(reason))
        }
    }
}

/// The bytes libcurl reads the message from.
private final class ReadContext {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

private let readCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let context = Unmanaged<ReadContext>.fromOpaque(userdata).takeUnretainedValue()
    let length = min(size * count, context.bytes.count - context.offset)
    guard length > 0 else { return 0 }
    context.bytes.withUnsafeBufferPointer { source in
        UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + context.offset, byteCount: length)
    }
    context.offset += length
    return length
}
