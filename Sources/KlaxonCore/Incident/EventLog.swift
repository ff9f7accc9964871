import Synchronization

/// The append-only list of an incident's events, shared by its successive states.
///
/// Evolving an incident appends here instead of copying its history, so a command costs the same on the
/// 100,000th event as on the first. A state only ever reads the first `version` events, so states that share
/// the log never see each other's later events; appending from an older state starts a log of its own.
final class EventLog: Sendable {
    private let events: Mutex<[IncidentEvent]>

    init(_ events: [IncidentEvent]) {
        self.events = Mutex(events)
    }

    /// Appends `event` as the event after `count`; false when the log has moved past `count` (another state's branch).
    func append(_ event: IncidentEvent, after count: Int) -> Bool {
        events.withLock { events in
            guard events.count == count else { return false }
            events.append(event)
            return true
        }
    }

    /// The first `count` events.
    func prefix(_ count: Int) -> [IncidentEvent] {
        events.withLock { Array($0.prefix(count)) }
    }

    /// The events at `range` (0-based) that the log has.
    func events(in range: Range<Int>) -> [IncidentEvent] {
        events.withLock { Array($0[range.clamped(to: $0.indices)]) }
    }

    /// The event at `index` (0-based), if the log has it.
    func event(at index: Int) -> IncidentEvent? {
        events.withLock { $0.indices.contains(index) ? $0[index] : nil }
    }
}
