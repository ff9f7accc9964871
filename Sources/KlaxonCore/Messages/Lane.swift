/// A lane of the outbox, `<transport>/<target>` (`slack/channel`, `email/email:comms`): its messages are sent in
/// order, one at a time. Stored as that text.
public struct Lane: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The lane of `target` (its name within the transport) on `transport`.
    public init(_ transport: TransportName, _ target: String) {
        rawValue = transport.rawValue + "/" + target
    }

    /// The part after the transport's name; `nil` for text that is not a lane.
    public var target: Substring? {
        guard let slash = rawValue.firstIndex(of: "/") else { return nil }
        return rawValue[rawValue.index(after: slash)...]
    }

    public var description: String { rawValue }
}
