import KlaxonCore

/// What the gauges show, read from the store when `/metrics` is scraped (so every replica reports the shared state).
public struct MetricsSnapshot: Sendable, Equatable {
    /// Open incidents by severity.
    public var openIncidents: [Severity: Int]
    /// The outbox's backlog by transport.
    public var outbox: [TransportName: Backlog]

    /// Messages waiting for one transport.
    public struct Backlog: Sendable, Equatable {
        public var pending: Int
        /// Seconds since the oldest of them was written; 0 with none.
        public var oldestAge: Double

        public init(pending: Int, oldestAge: Double) {
            self.pending = pending
            self.oldestAge = oldestAge
        }
    }

    public init(openIncidents: [Severity: Int], outbox: [TransportName: Backlog]) {
        self.openIncidents = openIncidents
        self.outbox = outbox
    }
}
