/// How a command was answered, as `klaxon_commands_total` counts it.
public enum CommandOutcomeLabel: String, Sendable, CaseIterable {
    /// Its events were stored.
    case recorded
    /// Refused with a reply (a mistake, a state that doesn't allow it); nothing stored.
    case rejected
    /// A retried request, answered with the first answer; nothing stored again.
    case duplicate
    /// Read-only (`list`, `show`, `help`…): answered, nothing to store.
    case answered
    /// Too slow for the platform's deadline: acknowledged at once, answered later (also counted by its final outcome).
    case deferred
    /// The store failed; the user was told it was not recorded.
    case failed
}

/// How a delivery attempt ended, as `klaxon_deliveries_total` counts it.
public enum DeliveryResultLabel: String, Sendable, CaseIterable {
    case delivered
    case rateLimited = "rate_limited"
    case transient
    case permanent
}
