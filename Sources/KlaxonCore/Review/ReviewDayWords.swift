import Foundation

/// A review time written the way people book meetings: `tomorrow 17:00`, `friday at 10:00`, `Dec 3 10:00`,
/// `3 December 10:00`, with anything after the time (`, room 2`) left as words. In UTC, as every time Klaxon reads
/// without an offset. Its moment is the next such time after it was written: a review is booked ahead.
enum ReviewDayWords {
    /// The moment `text` names, written at `now`; `nil` when it names no day and time.
    static func resolve(_ text: String, at now: Date) -> Date? {
        var words = text.lowercased().split { $0.isWhitespace || $0 == "," }.map(String.init)
        if words.first == "on" { words.removeFirst() }
        guard let (found, used) = day(words, at: now) else { return nil }
        words.removeFirst(used)
        if words.first == "at" { words.removeFirst() }
        guard let clock = words.first, case .clock(let hour, let minute)? = TimeReference(text: clock) else { return nil }
        var components = Calendar.utc.dateComponents([.year, .month, .day], from: found.date)
        (components.hour, components.minute) = (hour, minute)
        guard var moment = Calendar.utc.date(from: components) else { return nil }
        // A weekday or a date already past this week or year is next week's or next year's.
        if moment <= now, let step = found.step { moment = Calendar.utc.date(byAdding: step, value: 1, to: moment) ?? moment }
        return moment
    }

    /// Words written as a time of day no clock shows (`25:00`), a date no calendar has (`2026-02-30`, `Feb 30`,
    /// `Dec 32`) or an offset no zone uses (`+25:00`): a typo, not words to keep, or the review would be booked for no
    /// moment and its reminders stop.
    static func impossibleTime(in text: String) -> String? {
        let words = text.lowercased().split { $0.isWhitespace || $0 == "," }.map(String.init)
        for (index, word) in words.enumerated() {
            if impossibleClock(word) || impossibleDate(word) || impossibleOffset(word) { return word }
            // `feb 30` or `30 feb`: a month's name beside a day it does not have.
            if word.count >= 3, let month = months.firstIndex(where: { $0.hasPrefix(word) }) {
                for neighbour in [index - 1, index + 1] where words.indices.contains(neighbour) {
                    let digits = words[neighbour].trimmingCharacters(in: CharacterSet(charactersIn: "stndrh."))
                    guard let day = Int(digits), digits.count <= 2 else { continue }
                    // A leap year's calendar: `Feb 29` may be next year's.
                    let valid = DateComponents(calendar: .utc, year: 2028, month: month + 1, day: day).isValidDate
                    if !valid { return neighbour < index ? "\(words[neighbour]) \(word)" : "\(word) \(words[neighbour])" }
                }
            }
        }
        return nil
    }

    private static func impossibleClock(_ word: String) -> Bool {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return false }
        return hour > 23 || minute > 59
    }

    private static func impossibleDate(_ word: String) -> Bool {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return !DateComponents(calendar: .utc, year: year, month: month, day: day).isValidDate
    }

    private static func impossibleOffset(_ word: String) -> Bool {
        guard let sign = word.first, sign == "+" || sign == "-" else { return false }
        let parts = word.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]) else { return false }
        return hours > 14 || minutes > 59
    }

    /// The day the first words name, how far on to look when that moment has passed, and how many words it took.
    private static func day(_ words: [String], at now: Date) -> ((date: Date, step: Calendar.Component?), Int)? {
        guard let first = words.first else { return nil }
        let today = Calendar.utc.startOfDay(for: now)
        switch first {
        case "today": return ((today, nil), 1)
        case "tomorrow", "tmrw": return ((today.addingTimeInterval(86_400), nil), 1)
        default: break
        }
        if let weekday = weekdays.firstIndex(where: { $0.hasPrefix(first) && first.count >= 3 }) {
            // Calendar's weekdays count from Sunday as 1.
            let current = Calendar.utc.component(.weekday, from: now) - 1
            let ahead = (weekday - current + 7) % 7
            return ((today.addingTimeInterval(TimeInterval(ahead * 86_400)), .weekOfYear), 1)
        }
        // `Dec 3` or `3 Dec`.
        guard words.count >= 2 else { return nil }
        /// `3`, `3rd`, `21st` as a day of the month.
        func dayOfMonth(_ word: String) -> Int? { Int(word.trimmingCharacters(in: CharacterSet(charactersIn: "stndrh"))) }
        let (monthWord, dayWord) = dayOfMonth(words[0]) == nil ? (words[0], words[1]) : (words[1], words[0])
        guard monthWord.count >= 3, let month = months.firstIndex(where: { $0.hasPrefix(monthWord) }), let dayNumber = dayOfMonth(dayWord) else { return nil }
        var components = Calendar.utc.dateComponents([.year], from: now)
        (components.month, components.day) = (month + 1, dayNumber)
        components.calendar = .utc
        guard components.isValidDate, let date = Calendar.utc.date(from: components) else { return nil }
        return ((date, .year), 2)
    }

    private static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
}
