import Foundation
import KlaxonCore
import Testing

@Suite("TimeReference")
struct TimeReferenceTests {
    /// 2026-11-26 14:00:00 UTC.
    static let now = Fixture.declaredAt

    static let cases: [(String, String, Date)] = [
        ("a clock time earlier today is today", "13:05", now.addingTimeInterval(-55 * 60)),
        ("a clock time later than now is yesterday's", "14:30", now.addingTimeInterval(-(23 * 3600 + 30 * 60))),
        ("now is the command's time", "now", now),
        ("the sentence's full stop is not part of the time", "now.", now),
        ("a clock time may end the sentence", "13:05.", now.addingTimeInterval(-55 * 60)),
        ("a span written out is that long ago", "20 min ago", now.addingTimeInterval(-20 * 60)),
        ("hours written out", "2 hours ago", now.addingTimeInterval(-2 * 3600)),
        ("a span with a minus is that long ago", "-20m", now.addingTimeInterval(-20 * 60)),
        ("a span with an en dash, as phones type a minus, is that long ago", "\u{2013}20m", now.addingTimeInterval(-20 * 60)),
        ("a span with an em dash is that long ago", "\u{2014}1h30m", now.addingTimeInterval(-90 * 60)),
        ("a span with a minus sign is that long ago", "\u{2212}45m", now.addingTimeInterval(-45 * 60)),
        ("a span followed by ago is that long ago", "20m ago", now.addingTimeInterval(-20 * 60)),
        ("ago may be capitalised", "2h Ago", now.addingTimeInterval(-2 * 3600)),
        ("a date and time is that moment in UTC", "2026-11-25 09:15", Date(timeIntervalSince1970: 1_795_598_100)),
        ("a trailing UTC changes nothing", "2026-11-25 09:15 UTC", Date(timeIntervalSince1970: 1_795_598_100)),
        ("a clock time may say UTC too", "13:05 utc", now.addingTimeInterval(-55 * 60)),
        ("a clock time may end in Z", "13:05Z", now.addingTimeInterval(-55 * 60)),
        ("ISO 8601 in UTC is that moment", "2026-11-25T09:15Z", Date(timeIntervalSince1970: 1_795_598_100)),
        ("ISO 8601 without a zone is UTC", "2026-11-25T09:15", Date(timeIntervalSince1970: 1_795_598_100)),
        ("ISO 8601's seconds are dropped", "2026-11-25T09:15:59Z", Date(timeIntervalSince1970: 1_795_598_100)),
        ("an offset east of UTC is moved back to UTC", "2026-11-25T10:45+01:30", Date(timeIntervalSince1970: 1_795_598_100)),
        ("an offset west of UTC is moved on to UTC", "2026-11-25T04:15-0500", Date(timeIntervalSince1970: 1_795_598_100)),
        ("an offset in whole hours moves the moment to the day before", "2026-11-26T08:15+14", Date(timeIntervalSince1970: 1_795_598_100 + 9 * 3600)),
        ("a clock time with its zone's offset is that time in UTC", "15:05 +02:00", now.addingTimeInterval(-55 * 60)),
        ("an offset may be attached to the clock time", "15:05+02", now.addingTimeInterval(-55 * 60)),
        ("an offset of zero is UTC", "13:05 +00:00", now.addingTimeInterval(-55 * 60)),
        ("a clock time west of UTC may be the next day's in UTC", "23:05 -10:00", now.addingTimeInterval(-(4 * 3600 + 55 * 60))),
        ("a half-hour offset moves the minutes", "18:35 +05:30", now.addingTimeInterval(-55 * 60)),
        ("an offset's hour may have one digit", "15:05 +2:00", now.addingTimeInterval(-55 * 60)),
        ("the furthest real zone is 14 hours ahead", "03:05 +14:00", now.addingTimeInterval(-55 * 60)),
        ("a date and time may carry an offset", "2026-11-25 10:15 +01:00", Date(timeIntervalSince1970: 1_795_598_100)),
        ("a date and time may carry an attached offset", "2026-11-25 04:15-0500", Date(timeIntervalSince1970: 1_795_598_100)),
        ("a one-digit hour is a time, not an offset", "2026-11-25 9:15", Date(timeIntervalSince1970: 1_795_598_100)),
        ("a one-digit hour with few minutes is a time too", "2026-11-25 9:05", Date(timeIntervalSince1970: 1_795_598_100 - 600)),
    ]

    @Test("Times typed for milestones resolve against the command's time", arguments: cases)
    func timesResolveAgainstTheCommandsTime(name: String, text: String, expected: Date) throws {
        let time = try #require(TimeReference(text: text))
        #expect(time.resolved(at: Self.now) == expected, "\(name)")
    }

    @Test("Other texts are not times", arguments: [
        "", "nowish", "14", "14:5", "24:00", "-0m", "20m", "2026-11-25", "2026-13-01 10:00", "-x", "14:05:60", "14:05:5", "UTC",
        "2026-11-25T25:00", "2026-11-25T09:15+15:00", "2026-11-25T09:15+1", "2026-11-25T09:15+01:0x", "2026-11-25 T09:15", "2026-11-25T",
        "2026-11-25T09:15 +01:00", "13:05 PST", "13:05 +15:00", "13:05 +14:30", "13:05 +2:0", "13:05 +02:00:00", "+02:00", "13:05 +02:00 UTC", "2026-11-25 +01:00", "13:05 +2",
        "\u{2013}0m", "\u{2013}x", "0m ago", "-20m ago", "20m ago ago", "ago", "14:05 ago", "0 min ago", "20 fortnights ago", ".",
    ])
    func otherTextsAreNotTimes(text: String) {
        #expect(TimeReference(text: text) == nil)
    }
}
