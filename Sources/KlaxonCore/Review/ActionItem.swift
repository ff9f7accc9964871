/// A fix assigned after an incident (the playbook's "assign fixes to teams"), numbered from 1 per incident.
public struct ActionItem: Codable, Sendable, Equatable {
    public let number: Int
    public let owner: Participant
    public let text: String
    /// The team that owns the fix, as typed after `team:`.
    public let team: String?
    /// When it is due, as a calendar day.
    public let due: CalendarDay?

    public init(number: Int, owner: Participant, text: String, team: String? = nil, due: CalendarDay? = nil) {
        self.number = number
        self.owner = owner
        self.text = text
        self.team = team
        self.due = due
    }
}

/// An action item with what happened to it since it was added.
public struct TrackedAction: Sendable, Equatable {
    public let item: ActionItem
    public internal(set) var isDone = false
    /// The ticket filed for it, once a ticket transport has one.
    public internal(set) var ticketURL: String?

    public init(item: ActionItem, isDone: Bool = false, ticketURL: String? = nil) {
        self.item = item
        self.isDone = isDone
        self.ticketURL = ticketURL
    }
}
