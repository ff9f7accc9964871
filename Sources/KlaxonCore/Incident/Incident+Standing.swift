import Foundation

extension Incident {
    /// The severity and public face the incident had at `time`, from its events up to then: what the update cadence
    /// was when a nudge fired, for telling how late it was, however the incident changed since. Given the timer that
    /// fired, the walk stops at its event, so a change recorded later in the same second does not count.
    public func standing(at time: Date, firing timer: IncidentTimer? = nil) -> (severity: Severity, publicFacing: Bool) {
        var (severity, publicFacing) = (self.severity, self.publicFacing)
        // By sequence: `timeline` is a copy of every event, and a long incident has thousands.
        for event in (1...max(version, 1)).lazy.compactMap(event) {
            guard event.at <= time else { break }
            if let timer, case .timerFired(let fired) = event.change, fired == timer { break }
            switch event.change {
            case .declared(let declaration): (severity, publicFacing) = (declaration.severity, declaration.publicFacing)
            case .severityChanged(_, let to, _): severity = to
            case .madePublic: publicFacing = true
            case .madePrivate: publicFacing = false
            default: break
            }
        }
        return (severity, publicFacing)
    }
}
