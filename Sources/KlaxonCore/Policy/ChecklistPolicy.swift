import Foundation

/// A checklist from the playbook, such as the P0 declare checklist or the resolution checks.
public struct ChecklistPolicy: Codable, Sendable, Equatable {
    public var title: String
    /// The severities it applies to.
    public var severities: [Severity]
    /// When it should be complete, counted from declaration (declare checklist).
    public var dueAfter: PolicyDuration?
    public var items: [ChecklistItem]

    enum CodingKeys: String, CodingKey {
        case title, severities, items
        case dueAfter = "due_after"
    }

    public init(title: String, severities: [Severity], dueAfter: PolicyDuration?, items: [ChecklistItem]) {
        self.title = title
        self.severities = severities
        self.dueAfter = dueAfter
        self.items = items
    }

    /// Finds an item by its id, or by words of its text ("smoke" finds "Run smoke tests").
    public func item(matching text: String) -> ChecklistItem? {
        let wanted = text.lowercased().trimmingCharacters(in: .whitespaces)
        if let exact = items.first(where: { $0.id == wanted }) { return exact }
        let matches = items.filter { $0.text.lowercased().contains(wanted) || $0.id.contains(wanted) }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// One thing to check off.
public struct ChecklistItem: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    /// Who should see to it, as a role name, when it is missing.
    public var owner: String?
    /// An event that ticks the item by itself (`declared`, `commander_assigned`, `scope_set`, `update_posted`).
    public var doneWhen: String?

    enum CodingKeys: String, CodingKey {
        case id, text, owner
        case doneWhen = "done_when"
    }

    public init(id: String, text: String, owner: String? = nil, doneWhen: String? = nil) {
        self.id = id
        self.text = text
        self.owner = owner
        self.doneWhen = doneWhen
    }
}

/// The playbook's checklists, by purpose.
public struct Checklists: Codable, Sendable, Equatable {
    public var declare: ChecklistPolicy
    public var resolution: ChecklistPolicy

    public init(declare: ChecklistPolicy, resolution: ChecklistPolicy) {
        self.declare = declare
        self.resolution = resolution
    }

    /// Looks a checklist up by its key, as used in `checklist_item_checked` events.
    public subscript(name: String) -> ChecklistPolicy? {
        switch name {
        case "declare": declare
        case "resolution": resolution
        default: nil
        }
    }
}
