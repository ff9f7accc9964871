import Foundation

/// Times and spans as people read them in chat. Always UTC, so replicas and readers agree.
///
/// UTC needs no calendar: the fields come from the seconds by arithmetic (days to a civil date by Howard Hinnant's
/// algorithm). A `Calendar` and `String(format:)` per call showed in every announcement's profile.
enum TimeText {
    /// `14:05 UTC`
    static func time(_ date: Date) -> String {
        let second = secondOfDay(date)
        return pad(second / 3600) + ":" + pad(second % 3600 / 60) + " UTC"
    }

    /// `2026-11-26 14:05 UTC`
    static func dateTime(_ date: Date) -> String {
        let (year, month, day) = civilDate(days: wholeSeconds(date).floorDivided(by: 86_400))
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

    /// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian).
    static func civilDate(days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension Int {
    /// Division rounding towards negative infinity, for times before 1970.
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
