/// The PEM files `klaxon serve` serves HTTPS with (`--tls-cert`, `--tls-key`); read again on SIGHUP or when they change.
public struct TLSFiles: Sendable, Equatable {
    /// The certificate chain, leaf first.
    public var certificatePath: String
    /// The private key of the leaf (a secret: its contents are never logged).
    public var keyPath: String

    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }
}
