import Foundation
@testable import KlaxonPolicy
import Testing

/// Times are computed by arithmetic; Foundation's Gregorian calendar in UTC is the independent judge.
@Suite struct TimeTextTests {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Leap days, ends of years and months, the epoch and its eve, and a spread of ordinary seconds up to 2200.
    static let instants: [TimeInterval] = [
        0, -1, -86_400, 951_782_400, 951_868_799, 1_709_164_800, 1_735_689_599, 1_735_689_600, 4_102_444_800, 7_258_118_399,
    ] + (0..<500).map { TimeInterval($0) * 14_536_127.5 + 0.75 }

    @Test func datesAndTimesAreTheCalendarsInUTC() {
        for seconds in Self.instants {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = Self.utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let time = String(format: "%02d:%02d UTC", parts.hour!, parts.minute!)
            #expect(TimeText.time(date) == time, "\(seconds)")
            #expect(TimeText.dateTime(date) == String(format: "%04d-%02d-%02d ", parts.year!, parts.month!, parts.day!) + time, "\(seconds)")
        }
    }

    @Test("Spans read as people say them", arguments: [
        (0.0, "0 s"), (59.9, "59 s"), (60, "1 min"), (3_599, "59 min"), (3_660, "1 h 01 min"), (172_799, "47 h 59 min"),
        (172_800, "2 days 0 h"), (-5, "0 s"),
    ])
    func spansReadAsPeopleSayThem(seconds: TimeInterval, text: String) {
        #expect(TimeText.span(from: Date(timeIntervalSince1970: 1_000), to: Date(timeIntervalSince1970: 1_000 + seconds)) == text)
    }
}
