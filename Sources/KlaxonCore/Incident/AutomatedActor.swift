/// Someone who acts on incidents without being a chat user: a script with an API token, or a monitoring system's
/// alerts. Stored in events as a `Participant` of its own platform, and read back from one by type, not by text.
public enum AutomatedActor: Equatable, Sendable {
    /// A JSON API client, by its token's name: shown as `api:<name>`.
    case apiToken(name: String)
    /// A monitoring system, by the receiver (or contact point) that sent the alerts.
    case alerts(AlertSource, receiver: String)

    /// The participant recorded in events.
    public var participant: Participant {
        switch self {
        case .apiToken(let name): Participant(platform: .api, id: name, name: "api:\(name)")
        case .alerts(let source, let receiver): Participant(platform: Platform(source), id: receiver, name: "\(source.rawValue):\(receiver)")
        }
    }

    /// The automated actor a stored participant stands for; `nil` for a chat user.
    public init?(_ participant: Participant) {
        if participant.platform == .api {
            self = .apiToken(name: participant.id)
        } else if let source = AlertSource(participant.platform) {
            self = .alerts(source, receiver: participant.id)
        } else {
            return nil
        }
    }
}
