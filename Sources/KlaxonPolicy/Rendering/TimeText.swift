import Foundation

/// Times and spans as people read them in chat. Always UTC, so replicas and readers agree.
///
/// UTC needs no calendar: the fields come from the seconds by arithmetic (days to a civil date, `CivilCalendar`). A `Calendar` and `String(format:)` per call showed in every announcement's profile.
enum TimeText {
    /// `14:05 UTC`
    static func time(_ date: Date) -> String {
        let second = secondOfDay(date)
        return pad(second / 3600) + ":" + pad(second % 3600 / 60) + " UTC"
    }

    /// Whether two moments fall on the same UTC day.
    static func sameDay(_ one: Date, _ other: Date) -> Bool {
        wholeSeconds(one).floorDivided(by: 86_400) == wholeSeconds(other).floorDivided(by: 86_400)
    }

    /// `Thu 2026-11-26` (UTC)
    static func day(_ date: Date) -> String {
        let days = wholeSeconds(date).floorDivided(by: 86_400)
        let (year, month, day) = CivilCalendar.date(days: days)
        // 1970-01-01, day 0, was a Thursday.
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        return "\(weekday) \(year)-" + pad(month) + "-" + pad(day)
    }

    /// `2026-11-26 14:05 UTC`
    static func dateTime(_ date: Date) -> String {
        let (year, month, day) = CivilCalendar.date(days: wholeSeconds(date).floorDivided(by: 86_400))
        return "\(year)-" + pad(month) + "-" + pad(day) + " " + time(date)
    }

    /// `1 h 05 min`, `12 min`, `40 s`
    static func span(from start: Date, to end: Date) -> String {
        let seconds = max(0, Int(end.timeIntervalSince(start)))
        if seconds < 60 { return "\(seconds) s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours) h " + pad(minutes % 60) + " min" }
        return "\(hours / 24) days \(hours % 24) h"
    }

    private static func wholeSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }

    private static func secondOfDay(_ date: Date) -> Int {
        let seconds = wholeSeconds(date)
        return seconds - seconds.floorDivided(by: 86_400) * 86_400
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension Int {
    /// Division rounding towards negative infinity, for times before 1970.
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
