import KlaxonCore

extension IncidentDesk {
    /// Records the incident's id on Statuspage when a send created or found a copy there, so later changes update it.
    /// Not recorded once the incident is private again: the send that deletes the copy is on its way.
    public func recordStatuspageIncident(_ statuspageID: String, of id: IncidentID) async {
        await recordFact(of: id, what: "the incident's Statuspage id") { incident in
            incident.publicFacing && incident.statuspageIncident != statuspageID ? .statuspageLinked(id: statuspageID) : nil
        }
    }
}
