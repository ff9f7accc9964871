import KlaxonCore
import KlaxonPolicy

extension IncidentDesk {
    /// Records what a send did to the incident's copy on Statuspage: its id when created or found, so later changes
    /// update it (also once private again: the send that deletes it needs it); its removal once deleted there.
    public func recordStatuspage(_ change: StatuspageLinkChange, of id: IncidentID) async {
        await recordFact(of: id, what: "the incident's Statuspage id") { incident in
            switch change {
            case .linked(let statuspageID):
                incident.statuspageIncident != statuspageID ? .statuspageLinked(id: statuspageID) : nil
            case .unlinked(let statuspageID):
                incident.statuspageIncident == statuspageID ? .statuspageUnlinked(id: statuspageID) : nil
            }
        }
    }
}
