/// What came of a command: recorded events, an answer to a query, or a refusal.
public enum CommandOutcome: Sendable, Equatable {
    /// Events were stored; `incident` is the state after them and `notices` what they announce.
    case recorded(Incident, events: [IncidentEvent], notices: [Notice])
    /// `/incident list`: the first open incidents, most severe first, of `total` open.
    case list([Incident], total: Int)
    case detail(Incident)
    case timeline(Incident)
    case actions(Incident)
    /// `/incident report`: a summary of the report, and the file it was written to, if reports are written.
    case report(Incident, file: String?)
    /// `/incident notify customers --preview`: the customer email as it would be sent now.
    case customerEmailPreview(Incident)
    case runbook(Runbook)
    case runbooks
    case help(CommandSpec?)
    /// Help for the commands of a group (`help page`): Discord shows the group as one entry of its help.
    case helpGroup(CommandGroup)
    case rejected(CommandRejection)
}
