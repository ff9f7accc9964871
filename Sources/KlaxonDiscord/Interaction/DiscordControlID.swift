import KlaxonCore

/// The `custom_id` of Klaxon's buttons, menu and form on an incident's message: `incident:<action>:<number>`.
public struct DiscordControlID: Sendable, Equatable {
    /// What the control does.
    public enum Action: String, Sendable, CaseIterable {
        /// "I'm commander".
        case commander
        /// "Post update": opens the update form.
        case update
        /// The status menu.
        case status
        /// The submitted update form.
        case updateForm = "update-form"
        /// The submitted resolution form (the status menu's "Resolved").
        case resolveForm = "resolve-form"
    }

    public let action: Action
    public let incident: IncidentID

    public init(_ action: Action, incident: IncidentID) {
        self.action = action
        self.incident = incident
    }

    /// Parses a `custom_id`; `nil` for anything Klaxon did not make.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "incident", let action = Action(rawValue: String(parts[1])),
            let id = IncidentID(text: String(parts[2]))
        else { return nil }
        self.init(action, incident: id)
    }

    /// The `custom_id` text.
    public var text: String { "incident:\(action.rawValue):\(incident.rawValue)" }

    /// The id of the update form's text field.
    static let updateField = "text"
    /// The ids of the resolution form's fields.
    static let summaryField = "summary"
    static let forceField = "force"
}
