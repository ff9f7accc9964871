import Foundation

/// An ETA as someone types it in `/incident eta`: `30m` or `1h30m` from now, `14:30` (UTC, the next such time),
/// a moment (`2026-11-30 10:00`, `2026-11-30T11:00+01:00`), or `clear`. Resolved against the command's `now`, never
/// a clock.
public enum EstimatedTime: Sendable, Equatable {
    case after(seconds: Int)
    case clock(hour: Int, minute: Int)
    /// A day and time in UTC: it may have passed, which the decider refuses.
    case at(CalendarDay, hour: Int, minute: Int)
    case clear

    /// Parses one of the forms; `nil` for anything else.
    public init?(text: String) {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word == "clear" || word == "none" {
            self = .clear
        } else if let span = PolicyDuration(text: word), span.seconds > 0, !word.hasPrefix("-") {
            self = .after(seconds: span.seconds)
        } else {
            // Not lowercased: ISO 8601's `T` and `Z` are read either way, and a zone is only ever UTC.
            switch TimeReference(text: text) {
            case .clock(let hour, let minute)?: self = .clock(hour: hour, minute: minute)
            case .dateTime(let day, let hour, let minute)?: self = .at(day, hour: hour, minute: minute)
            case .ago?, nil: return nil
            }
        }
    }

    /// The moment meant, as of `now`; `nil` for `clear`.
    public func resolved(at now: Date) -> Date? {
        switch self {
        case .clear:
            return nil
        case .after(let seconds):
            return now.addingTimeInterval(TimeInterval(seconds))
        case .at(let day, let hour, let minute):
            return TimeReference.dateTime(day, hour: hour, minute: minute).resolved(at: now)
        case .clock(let hour, let minute):
            // The latest such time not after now, moved a day on when it has passed: an ETA is in the future.
            let past = TimeReference.clock(hour: hour, minute: minute).resolved(at: now)
            return past.addingTimeInterval(86_400)
        }
    }
}
