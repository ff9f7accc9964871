import Foundation

/// A time as someone types it for a milestone: `14:05` (UTC, the latest such time not after now),
/// `2026-11-28 14:05` (UTC) or `-20m` (that long ago). Resolved against the command's `now`, never a clock.
public enum TimeReference: Sendable, Equatable {
    case clock(hour: Int, minute: Int)
    case dateTime(CalendarDay, hour: Int, minute: Int)
    case ago(seconds: Int)

    /// Parses one of the three forms; `nil` for anything else.
    public init?(text: String) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        if words.count == 1, words[0].hasPrefix("-") {
            guard let span = PolicyDuration(text: words[0]), span.seconds < 0 else { return nil }
            self = .ago(seconds: -span.seconds)
        } else if words.count == 1, let (hour, minute) = Self.clockTime(words[0]) {
            self = .clock(hour: hour, minute: minute)
        } else if words.count == 2, let day = CalendarDay(text: words[0]), let (hour, minute) = Self.clockTime(words[1]) {
            self = .dateTime(day, hour: hour, minute: minute)
        } else {
            return nil
        }
    }

    /// The moment meant, as of `now`.
    public func resolved(at now: Date) -> Date {
        let calendar = Calendar.utc
        switch self {
        case .ago(let seconds):
            return now.addingTimeInterval(-TimeInterval(seconds))
        case .dateTime(let day, let hour, let minute):
            let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute)
            return calendar.date(from: components) ?? now
        case .clock(let hour, let minute):
            let today = calendar.dateComponents([.year, .month, .day], from: now)
            let components = DateComponents(year: today.year, month: today.month, day: today.day, hour: hour, minute: minute)
            let candidate = calendar.date(from: components) ?? now
            // "14:05" typed at 00:10 means yesterday's 14:05: milestones are in the past.
            return candidate > now ? candidate.addingTimeInterval(-86_400) : candidate
        }
    }

    private static func clockTime(_ word: String) -> (Int, Int)? {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return (hour, minute)
    }
}
