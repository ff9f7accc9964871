import Foundation

/// What a firing alert group does when nothing is open for it: declare the incident at once, or only propose it in
/// the incidents channel for someone to accept (`/incident accept a7`). Chosen per severity by the policy.
public enum AlertMode: String, Codable, Sendable, CaseIterable {
    case declare
    case propose
}

/// A proposal's short id, what people type: `a7` (the store numbers proposals; the letter keeps it apart from an
/// incident number).
public struct AlertProposalID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ value: Int) { self.rawValue = value }

    /// Parses `a7` or `A7`; nothing else.
    public init?(text: String) {
        guard let first = text.first, first == "a" || first == "A", let number = Int(text.dropFirst()), number > 0,
              String(number) == text.dropFirst() else { return nil }
        self.rawValue = number
    }

    public var description: String { "a\(rawValue)" }

    public static func < (lhs: AlertProposalID, rhs: AlertProposalID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An incident an alert group proposes and nobody has accepted yet: one open proposal per group, kept by the store.
public struct AlertProposal: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Waiting for someone to accept it.
        case open
        /// Accepted: this incident was declared from it.
        case accepted(IncidentID)
        /// The group resolved before anyone accepted it.
        case withdrawn
    }

    public let id: AlertProposalID
    /// What accepting it declares: kept up to date with the group's firing alerts while it is open.
    public var declaration: Declaration
    public var state: State
    /// How many times it was written (created is 1): the store's compare-and-set on an update.
    public let version: Int

    public init(id: AlertProposalID, declaration: Declaration, state: State, version: Int) {
        self.id = id
        self.declaration = declaration
        self.state = state
        self.version = version
    }

    /// The group it follows, as `AlertDecider.home(of:)` names it.
    public var home: ChannelRef { declaration.channel }
}

extension AlertProposal {
    /// The incident it would declare, numbered 0: what its messages are rendered from.
    public func draft(at time: Date) -> Incident? {
        let source = AlertSource(declaration.channel.platform) ?? .alertmanager
        let actor = AutomatedActor.alerts(source, receiver: declaration.channel.name ?? "").participant
        return Incident(id: IncidentID(0), first: IncidentEvent(at: time, actor: actor, change: .declared(declaration)))
    }
}
