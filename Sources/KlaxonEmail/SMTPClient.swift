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

    /// A recipient the server did not take, and its reply code: 5xx for good, 4xx for now.
    public struct Refusal: Sendable, Equatable {
        public let address: String
        public let code: Int

        public var isPermanent: Bool { code >= 500 }
    }

    /// Sends `message`; returns the recipients the server did not take, to whom it was not sent. A server ends the
    /// whole transaction at the first refused recipient, before any data: that one is left out and the message sent
    /// again to the rest, so one stale address on a customer list no longer keeps it from everyone. A recipient
    /// refused for now (4xx: greylisting, a full mailbox) fails the send as a whole, to be retried later to everyone,
    /// since nobody got it (and `deferred` hears of it), unless `leavingOutDeferred`: then it is left out as well, and the rest
    /// get it now.
    @discardableResult
    public func send(
        _ message: EmailMessage, leavingOutDeferred: Bool = false, deferred: () -> Void = {}
    ) async throws(DeliveryFailure) -> [Refusal] {
        var refused: [Refusal] = []
        var message = message
        while true {
            let attempt = await transferOffThePool(message)
            switch attempt {
            case .success:
                return refused
            case .failure(let failure):
                if case .refused(_, let code)? = failure.recipient, (400..<500).contains(code), !leavingOutDeferred { deferred() }
                guard case .refused(let address, let code)? = failure.recipient, code >= 500 || (leavingOutDeferred && code >= 400),
                      message.envelopeRecipients.count > 1, refused.count < Self.mostLeftOut, let remaining = message.leavingOut(address)
                else { throw failure.failure }
                refused.append(Refusal(address: address, code: code))
                message = remaining
            }
        }
    }

    /// How many refused recipients one send leaves out before it gives up: each costs a transaction.
    static let mostLeftOut = 20

    private func transferOffThePool(_ message: EmailMessage) async -> Result<Void, TransferFailure> {
        let settings = self.settings
        let timeout = timeoutSeconds
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Self.transfer(message, settings: settings, timeout: timeout))
            }
        }
    }

    /// Why a transaction failed, and the recipient the server refused, if that is why.
    struct TransferFailure: Error {
        enum Recipient { case refused(String, code: Int) }
        let failure: DeliveryFailure
        let recipient: Recipient?
    }

    /// One blocking SMTP transaction.
    private static func transfer(_ message: EmailMessage, settings: SMTPSettings, timeout: Int) -> Result<Void, TransferFailure> {
        _ = globalInit
        // On the heap, freed after the handle: libcurl traces the QUIT it sends while the handle is cleaned up.
        let trace = UnsafeMutablePointer<klaxon_refused_recipient>.allocate(capacity: 1)
        defer { trace.deallocate() }
        guard let curl = curl_easy_init() else { return .failure(TransferFailure(failure: .transient("libcurl could not start"), recipient: nil)) }
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
        klaxon_curl_trace_refused_recipient(curl, trace)
        let code = curl_easy_perform(curl)
        var response: Int = 0
        klaxon_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &response)
        let refused = withUnsafeBytes(of: &trace.pointee.refused) { bytes in String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self) }
        let recipient = trace.pointee.code > 0 && !refused.isEmpty ? TransferFailure.Recipient.refused(refused, code: Int(trace.pointee.code)) : nil
        return classify(code, smtpCode: response).mapError { TransferFailure(failure: $0, recipient: recipient) }
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
