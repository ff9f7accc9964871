import Foundation
import KlaxonPolicy

/// HTTP's IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7) by arithmetic: a `DateFormatter` made per
/// response was a fifth of the status page's cost under load.
enum HTTPDate {
    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var second = seconds % 86_400
        if second < 0 {
            days -= 1
            second += 86_400
        }
        let (year, month, day) = CivilCalendar.date(days: days)
        // 1970-01-01 was a Thursday.
        let weekday = weekdays[((days % 7) + 7) % 7]
        return "\(weekday), \(pad(day)) \(months[month - 1]) \(year) \(pad(second / 3600)):\(pad(second % 3600 / 60)):\(pad(second % 60)) GMT"
    }

    /// The date of an IMF-fixdate, or `nil` for anything else (the obsolete formats are not accepted: a client that
    /// sends them simply gets the whole resource).
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), weekdays.contains(String(parts[0].dropLast())),
              parts[5] == "GMT", parts[1].count == 2, let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
              parts[3].count == 4, let year = Int(parts[3]) else { return nil }
        let clock = parts[4].split(separator: ":")
        guard parts[4].count == 8, clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
              (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let days = CivilCalendar.days(year: year, month: monthIndex + 1, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
