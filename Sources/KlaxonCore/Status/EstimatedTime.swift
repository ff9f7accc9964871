import Foundation

/// An ETA as someone types it in `/incident eta`: `30m` or `1h30m` from now, `14:30` (UTC, the next such time),
/// or `clear`. Resolved against the command's `now`, never a clock.
public enum EstimatedTime: Sendable, Equatable {
    case after(seconds: Int)
    case clock(hour: Int, minute: Int)
    case clear

    /// Parses one of the three forms; `nil` for anything else.
    public init?(text: String) {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word == "clear" || word == "none" {
            self = .clear
        } else if let span = PolicyDuration(text: word), span.seconds > 0, !word.hasPrefix("-") {
            self = .after(seconds: span.seconds)
        } else if case .clock(let hour, let minute)? = TimeReference(text: word) {
            self = .clock(hour: hour, minute: minute)
        } else {
            return nil
        }
    }

    /// The moment meant, as of `now`; `nil` for `clear`.
    public func resolved(at now: Date) -> Date? {
        switch self {
        case .clear:
            return nil
        case .after(let seconds):
            return now.addingTimeInterval(TimeInterval(seconds))
        case .clock(let hour, let minute):
            // The latest such time not after now, moved a day on when it has passed: an ETA is in the future.
            let past = TimeReference.clock(hour: hour, minute: minute).resolved(at: now)
            return past.addingTimeInterval(86_400)
        }
    }
}
