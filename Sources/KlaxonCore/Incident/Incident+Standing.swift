import Foundation

extension Incident {
    /// The severity and public face the incident had at `time`, from its events up to then: what the update cadence
    /// was when a nudge fired, for telling how late it was, however the incident changed since.
    public func standing(at time: Date) -> (severity: Severity, publicFacing: Bool) {
        var (severity, publicFacing) = (self.severity, self.publicFacing)
        for event in timeline where event.at <= time {
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
