import Foundation
import Logging
import NIOSSL
import Synchronization

/// The pair new TLS connections get. Every handshake asks for the current pair, so a reload takes effect for the next
/// connection without a restart; connections already open keep the pair they started with.
public final class CertificateRotation: Sendable {
    public let files: TLSFiles
    private let current: Mutex<CertificatePair>
    private let logger: Logger

    /// Starts with the pair in `files`, which must be good: a server does not start without a certificate.
    public init(files: TLSFiles, now: Date, logger: Logger) throws(TLSPairError) {
        self.files = files
        self.current = Mutex(try CertificatePair.load(files, now: now))
        self.logger = logger
    }

    /// When the pair in use expires.
    public var notValidAfter: Date { current.withLock { $0.notValidAfter } }

    /// Reads the files again; a good pair replaces the old one, a broken one is logged and the old one kept.
    @discardableResult
    public func reload(now: Date) -> Bool {
        do {
            let pair = try CertificatePair.load(files, now: now)
            current.withLock { $0 = pair }
            logger.notice("TLS certificate reloaded; new connections use it", metadata: [
                "tls.certificate": "\(files.certificatePath)", "tls.not_valid_after": "\(pair.notValidAfter.formatted(.iso8601))",
            ])
            return true
        } catch {
            logger.error("TLS certificate reload refused; still serving the previous one", metadata: [
                "tls.certificate": "\(files.certificatePath)", "reason": "\(error.description)",
            ])
            return false
        }
    }

    /// HTTP/1.1 and HTTP/2 (the channel sets ALPN), TLS 1.2 or newer, presenting the current pair at each handshake.
    public func serverConfiguration() -> TLSConfiguration {
        let pair = current.withLock { $0 }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: pair.chain.map { .certificate($0) }, privateKey: .privateKey(pair.key)
        )
        configuration.minimumTLSVersion = .tlsv12
        configuration.sslContextCallback = { _, promise in
            promise.succeed(self.current.withLock { $0.override })
        }
        return configuration
    }
}
