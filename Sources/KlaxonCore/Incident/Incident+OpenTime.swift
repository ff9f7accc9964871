import Foundation

/// Open time: how long the incident has been open, leaving out the time it spent resolved before a reopening. The
/// playbook's clocks, the metrics and the report count it, so a fix that held for a day does not make the incident a
/// day older.
extension Incident {
    /// Open time from the declaration to `date`.
    public func openTime(until date: Date) -> TimeInterval {
        pauses.reduce(date.timeIntervalSince(declaredAt)) { open, pause in
            guard pause.from < date else { return open }
            return open - (min(pause.to, date).timeIntervalSince(pause.from))
        }
    }

    /// The moment the incident had been open for `seconds`: each pause that began by then moves it on.
    public func afterOpenTime(_ seconds: TimeInterval) -> Date {
        pauses.reduce(declaredAt + seconds) { moment, pause in
            pause.from < moment ? moment + pause.to.timeIntervalSince(pause.from) : moment
        }
    }
}
