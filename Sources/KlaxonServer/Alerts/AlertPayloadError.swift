/// Why an alert webhook's body was refused (400): what is wrong, never the body itself.
public struct AlertPayloadError: Error, Equatable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
