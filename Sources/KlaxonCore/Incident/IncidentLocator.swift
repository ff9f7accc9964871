/// Finds the incident a command is about among the open ones.
public enum IncidentLocator {
    /// An explicit `#id` wins; otherwise the only open incident in the channel.
    /// Explicit ids not among `open` are left for the caller to look up (they may be resolved).
    public static func locate(
        _ target: IncidentTarget, in channel: ChannelRef, open: [Incident], command: String = "update"
    ) throws(CommandRejection) -> IncidentID {
        switch target {
        case .incident(let id):
            return id
        case .current:
            let here = open.filter { $0.channel == channel }.sorted { $0.id < $1.id }
            switch here.count {
            case 0: throw .noOpenIncident
            case 1: return here[0].id
            default: throw .ambiguousIncident(here.map(IncidentSummary.init), command: command)
            }
        }
    }
}
