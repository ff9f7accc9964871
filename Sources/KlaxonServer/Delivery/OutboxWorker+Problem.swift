import KlaxonCore

extension OutboxWorker {
    /// A platform problem the desk should record and announce elsewhere.
    public struct Problem: Sendable, Equatable {
        public let incident: IncidentID
        public let transport: TransportName
        public let reason: String
        public let permanent: Bool
        /// Delivered, but not to every recipient.
        public var partly = false
        /// The message given up was an email to customers.
        public var customerEmail = false
        /// The event the message reported, when one message was given up.
        public var sequence: Int?

        public init(
            incident: IncidentID, transport: TransportName, reason: String, permanent: Bool, partly: Bool = false, customerEmail: Bool = false,
            sequence: Int? = nil
        ) {
            self.incident = incident
            self.transport = transport
            self.reason = reason
            self.permanent = permanent
            self.partly = partly
            self.customerEmail = customerEmail
            self.sequence = sequence
        }
    }
}
