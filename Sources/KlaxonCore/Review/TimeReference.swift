import Foundation

/// A time as someone types it for a milestone: `14:05` (UTC, the latest such time not after now),
/// `2026-11-28 14:05` or `2026-11-28T14:05Z` (ISO 8601, any offset), or `-20m` or `20m ago` (that long ago). A
/// trailing `UTC` is allowed, and so is an offset after a time (`14:05 +02:00`, `2026-11-28 14:05+0530`): the time is
/// moved to UTC.
/// Resolved against the command's `now`, never a clock.
public enum TimeReference: Sendable, Equatable {
    case clock(hour: Int, minute: Int)
    /// A moment, in UTC; one typed with another offset is moved to UTC when parsed.
    case dateTime(CalendarDay, hour: Int, minute: Int)
    case ago(seconds: Int)

    /// Parses one of the forms; `nil` for anything else.
    public init?(text: String) {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        // The sentence's full stop or exclamation mark is not part of the time (`now.`, `14:05.`).
        if let last = words.last, let stop = last.last, ".!".contains(stop), last.count > 1 { words[words.count - 1] = String(last.dropLast()) }
        if words.count == 1, words[0].lowercased() == "now" {
            self = .ago(seconds: 0)
            return
        }
        // People in a hurry add the zone they were told to use; it is the only one meant here.
        let saysUTC = words.count > 1 && ["utc", "z"].contains(words[words.count - 1].lowercased())
        if saysUTC { words.removeLast() }
        // Someone typing their own zone's time says so with its offset, apart or attached (`14:05 +02:00`, `14:05+02`).
        if let (offset, rest) = Self.trailingOffset(words) {
            // An offset and UTC both: which was meant is anyone's guess.
            guard !saysUTC, let reference = Self.moved(rest, by: offset) else { return nil }
            self = reference
        } else if let seconds = Self.agoSeconds(words) {
            self = .ago(seconds: seconds)
        } else if words.count == 1, let dash = words[0].first, Self.dashes.contains(dash) {
            return nil
        } else if words.count == 1, let (hour, minute) = Self.clockTime(Self.droppingZulu(words[0])) {
            self = .clock(hour: hour, minute: minute)
        } else if words.count == 1, let moment = Self.iso(words[0]) {
            self = moment
        } else if words.count == 2, let day = CalendarDay(text: words[0]), let (hour, minute) = Self.clockTime(words[1]) {
            self = .dateTime(day, hour: hour, minute: minute)
        } else {
            return nil
        }
    }

    /// Units written out, in seconds: `20 min ago`, `2 hours ago`.
    private static let spokenUnits: [String: Int] = [
        "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
        "h": 3_600, "hr": 3_600, "hrs": 3_600, "hour": 3_600, "hours": 3_600,
    ]

    /// What phones and chat clients make of a typed minus: a hyphen, en dash, em dash or minus sign.
    private static let dashes: Set<Character> = ["-", "\u{2013}", "\u{2014}", "\u{2212}"]

    /// How long ago `-20m` (with any dash) or `20m ago` says; `nil` for anything else.
    private static func agoSeconds(_ words: [String]) -> Int? {
        if words.count == 1, let dash = words[0].first, dashes.contains(dash) {
            guard let span = PolicyDuration(text: "-" + words[0].dropFirst()), span.seconds < 0 else { return nil }
            return -span.seconds
        }
        if words.count == 3, words[2].lowercased() == "ago", let count = Int(words[0]), count > 0, let unit = spokenUnits[words[1].lowercased()] {
            return count * unit
        }
        guard words.count == 2, words[1].lowercased() == "ago", let span = PolicyDuration(text: words[0]), span.seconds > 0 else { return nil }
        return span.seconds
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

    /// The offset ending the words, apart or attached to a clock time (not to ISO 8601's, which `iso` reads), and
    /// the words without it.
    private static func trailingOffset(_ words: [String]) -> (Int, [String])? {
        guard let last = words.last else { return nil }
        if words.count > 1, let offset = offset(last[...]) { return (offset, Array(words.dropLast())) }
        guard last.contains(":"), !last.contains(where: { $0 == "T" || $0 == "t" }),
              let sign = last.dropFirst().lastIndex(where: { $0 == "+" || $0 == "-" }), let offset = offset(last[sign...]) else { return nil }
        return (offset, Array(words.dropLast()) + [String(last[..<sign])])
    }

    /// A clock time, or a day and a clock time, typed at `offsetMinutes` east of UTC, in UTC.
    private static func moved(_ words: [String], by offsetMinutes: Int) -> TimeReference? {
        switch words.count {
        case 1:
            guard let (hour, minute) = clockTime(words[0]) else { return nil }
            let inUTC = ((hour * 60 + minute - offsetMinutes) % 1_440 + 1_440) % 1_440
            return .clock(hour: inUTC / 60, minute: inUTC % 60)
        case 2:
            guard let day = CalendarDay(text: words[0]), let (hour, minute) = clockTime(words[1]) else { return nil }
            return inUTC(day, hour: hour, minute: minute, offsetMinutes: offsetMinutes)
        default:
            return nil
        }
    }

    /// `HH:MM`, or `HH:MM:SS` with the seconds dropped (times are kept to the minute).
    private static func clockTime(_ word: Substring) -> (Int, Int)? {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.dropFirst().allSatisfy({ $0.count == 2 }), (1...2).contains(parts[0].count),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        if parts.count == 3 { guard let second = Int(parts[2]), (0..<60).contains(second) else { return nil } }
        return (hour, minute)
    }

    private static func clockTime(_ word: String) -> (Int, Int)? {
        clockTime(word[...])
    }

    private static func droppingZulu(_ word: String) -> Substring {
        word.last == "Z" || word.last == "z" ? word.dropLast() : word[...]
    }

    /// ISO 8601's `2026-11-28T14:05`, with seconds or not, and `Z`, an offset (`+01:00`, `-0530`, `+02`) or none (UTC).
    private static func iso(_ word: String) -> TimeReference? {
        let halves = word.split(omittingEmptySubsequences: false) { $0 == "T" || $0 == "t" }
        guard halves.count == 2, let day = CalendarDay(text: String(halves[0])) else { return nil }
        var time = halves[1]
        var offsetMinutes = 0
        if time.last == "Z" || time.last == "z" {
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            guard let offset = offset(time[sign...]) else { return nil }
            offsetMinutes = offset
            time = time[..<sign]
        }
        guard let (hour, minute) = clockTime(time) else { return nil }
        return inUTC(day, hour: hour, minute: minute, offsetMinutes: offsetMinutes)
    }

    /// A day and time typed at `offsetMinutes` east of UTC, as the day and time in UTC.
    private static func inUTC(_ day: CalendarDay, hour: Int, minute: Int, offsetMinutes: Int) -> TimeReference? {
        guard offsetMinutes != 0 else { return .dateTime(day, hour: hour, minute: minute) }
        let calendar = Calendar.utc
        let local = DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute)
        guard let typed = calendar.date(from: local) else { return nil }
        let utc = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: typed.addingTimeInterval(-TimeInterval(offsetMinutes * 60)))
        guard let year = utc.year, let month = utc.month, let date = utc.day, let utcHour = utc.hour, let utcMinute = utc.minute,
              let utcDay = CalendarDay(text: String(format: "%04d-%02d-%02d", year, month, date)) else { return nil }
        return .dateTime(utcDay, hour: utcHour, minute: utcMinute)
    }

    /// `+HH:MM`, `+HHMM` or `+HH` (or `-`), in minutes east of UTC; at most 14 hours, as real zones are.
    private static func offset(_ text: Substring) -> Int? {
        guard text.first == "+" || text.first == "-" else { return nil }
        let sign = text.first == "-" ? -1 : 1
        let body = text.dropFirst()
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }) else { return nil }
        let hourText: Substring, minuteText: Substring
        if let colon = body.firstIndex(of: ":") {
            // `+2:00` as well as `+02:00`.
            (hourText, minuteText) = (body[..<colon], body[body.index(after: colon)...])
            guard (1...2).contains(hourText.count), minuteText.count == 2 else { return nil }
        } else {
            guard [2, 4].contains(body.count) else { return nil }
            (hourText, minuteText) = (body.prefix(2), body.dropFirst(2))
        }
        guard let hours = Int(hourText), let minutes = minuteText.isEmpty ? 0 : Int(minuteText), minutes < 60,
              // Real zones run from -12:00 to +14:00.
              hours < 14 || hours == 14 && minutes == 0 else { return nil }
        return sign * (hours * 60 + minutes)
    }
}
