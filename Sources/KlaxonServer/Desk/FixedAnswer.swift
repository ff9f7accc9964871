import KlaxonCore

/// A command answered from the policy alone (help, runbooks): it reads no incident and stores nothing, so its
/// answer is the same every time and a chat endpoint may keep it (`FixedReplyBodies`).
struct FixedAnswer: Sendable {
    /// Names the answer among the fixed ones ("help", "help:note", "runbooks", "runbook:db-failover").
    let key: String
    let outcome: CommandOutcome

    /// `nil` for a command that is not answered from the policy alone; throws for a name the policy does not know.
    init?(_ command: IncidentCommand, policy: borrowing Policy) throws(CommandRejection) {
        switch command {
        case .help(nil):
            (key, outcome) = ("help", .help(nil))
        case .help(let name?):
            if let spec = CommandCatalogue.spec(named: name) {
                (key, outcome) = ("help:" + spec.name, .help(spec))
            } else if let group = CommandGroup.named(name) {
                (key, outcome) = ("help-group:" + group.name, .helpGroup(group))
            } else {
                throw .unknownCommand(name)
            }
        case .runbook(nil):
            (key, outcome) = ("runbooks", .runbooks)
        case .runbook(let name?):
            guard let runbook = policy.runbook(named: name) else { throw .unknownRunbook(name, available: policy.runbooks.map(\.id)) }
            (key, outcome) = ("runbook:" + runbook.id, .runbook(runbook))
        default:
            return nil
        }
    }
}
