import Foundation
import KlaxonCore

/// Which incidents `heads` returns.
public struct IncidentQuery: Sendable, Equatable {
    /// `resolved`: declared and resolved (its review closed or not). `any`: every readable incident, open or not;
    /// without `newest`, for reports and statistics, not the request path.
    public enum State: Sendable, Equatable { case open, awaitingReview, resolved, any }
    public var state: State
    /// Only this channel (as `ChannelRef.description`); `nil` for all.
    public var channel: String?
    /// Only this severity, by the stored column. Rows an older Klaxon wrote may have none: they are included, and
    /// the caller checks the incident itself.
    public var severity: Severity?
    /// Only incidents numbered below this (the API's pages).
    public var before: IncidentID?
    /// Only incidents declared at or after this time (their first event's).
    public var declaredSince: Date?
    /// At most this many, the highest numbers (still returned in ascending order): a query on the request path or a
    /// page reads what it shows, however long the history.
    public var newest: Int?

    public init(
        _ state: State, channel: String? = nil, severity: Severity? = nil, before: IncidentID? = nil, declaredSince: Date? = nil, newest: Int? = nil
    ) {
        self.state = state
        self.channel = channel
        self.severity = severity
        self.before = before
        self.declaredSince = declaredSince
        self.newest = newest
    }
}
