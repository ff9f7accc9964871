import Foundation
import NIOSSL

/// A certificate chain and its private key, read from PEM files and checked: the key is the leaf's, and the leaf is
/// valid now. Only a checked pair is ever served.
public struct CertificatePair: Sendable {
    public let chain: [NIOSSLCertificate]
    public let key: NIOSSLPrivateKey
    /// When the leaf expires.
    public let notValidAfter: Date

    /// Reads and checks the pair in `files` as of `now`.
    public static func load(_ files: TLSFiles, now: Date) throws(TLSPairError) -> CertificatePair {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
        } catch {
            throw .unreadableCertificate(path: files.certificatePath)
        }
        guard let leaf = chain.first else { throw .unreadableCertificate(path: files.certificatePath) }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: files.keyPath, format: .pem)
        } catch {
            throw .unreadableKey(path: files.keyPath)
        }
        let notBefore = Date(timeIntervalSince1970: TimeInterval(leaf.notValidBefore))
        let notAfter = Date(timeIntervalSince1970: TimeInterval(leaf.notValidAfter))
        guard notAfter > now else { throw .expired(path: files.certificatePath, at: notAfter) }
        guard notBefore <= now else { throw .notYetValid(path: files.certificatePath, from: notBefore) }
        // BoringSSL refuses a key that is not the leaf's when both are loaded into a context.
        do {
            _ = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
        } catch {
            throw .mismatch(certificate: files.certificatePath, key: files.keyPath)
        }
        return CertificatePair(chain: chain, key: key, notValidAfter: notAfter)
    }

    /// What a handshake uses to present this pair.
    var override: NIOSSLContextConfigurationOverride {
        var override = NIOSSLContextConfigurationOverride()
        override.certificateChain = chain.map { .certificate($0) }
        override.privateKey = .privateKey(key)
        return override
    }
}

/// Why a certificate pair was refused; says which file and what to do, never the key's contents.
public enum TLSPairError: Error, Equatable, CustomStringConvertible {
    case unreadableCertificate(path: String)
    case unreadableKey(path: String)
    case expired(path: String, at: Date)
    case notYetValid(path: String, from: Date)
    case mismatch(certificate: String, key: String)

    public var description: String {
        switch self {
        case .unreadableCertificate(let path): "cannot read a PEM certificate from \(path) (--tls-cert or KLAXON_TLS_CERT)"
        case .unreadableKey(let path): "cannot read a PEM private key from \(path) (--tls-key or KLAXON_TLS_KEY)"
        case .expired(let path, let at): "the certificate in \(path) expired on \(at.formatted(.iso8601)): renew it"
        case .notYetValid(let path, let from): "the certificate in \(path) is not valid before \(from.formatted(.iso8601)): check the clock"
        case .mismatch(let certificate, let key): "the private key in \(key) does not belong to the certificate in \(certificate)"
        }
    }
}
