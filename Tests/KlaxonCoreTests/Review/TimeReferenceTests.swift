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
        ("a span with a minus is that long ago", "-20m", now.addingTimeInterval(-20 * 60)),
        ("a date and time is that moment in UTC", "2026-11-25 09:15", Date(timeIntervalSince1970: 1_795_598_100)),
    ]

    @Test("Times typed for milestones resolve against the command's time", arguments: cases)
    func timesResolveAgainstTheCommandsTime(name: String, text: String, expected: Date) throws {
        let time = try #require(TimeReference(text: text))
        #expect(time.resolved(at: Self.now) == expected, "\(name)")
    }

    @Test("Other texts are not times", arguments: ["", "now", "14", "14:5", "24:00", "-0m", "20m", "2026-11-25", "2026-13-01 10:00", "-x"])
    func otherTextsAreNotTimes(text: String) {
        #expect(TimeReference(text: text) == nil)
    }
}
