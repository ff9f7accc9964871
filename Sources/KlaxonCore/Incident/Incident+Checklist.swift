extension Incident {
    /// Whether a checklist item is done: ticked by hand, or satisfied by the event it names.
    public func isDone(_ item: ChecklistItem, in checklist: String) -> Bool {
        if isTickedByHand(item, in: checklist) { return true }
        guard let event = item.doneWhen else { return false }
        return hasEvent(named: event)
    }

    /// Whether someone ticked the item (`check`), and did not take it back.
    public func isTickedByHand(_ item: ChecklistItem, in checklist: String) -> Bool {
        checkedItems.contains("\(checklist)/\(item.id)")
    }

    /// The items of a checklist still open for this incident; empty when it doesn't apply.
    public func openItems(of checklist: ChecklistPolicy, named name: String) -> [ChecklistItem] {
        guard checklist.severities.contains(severity) else { return [] }
        return checklist.items.filter { !isDone($0, in: name) }
    }
}
