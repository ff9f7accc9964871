import Foundation
@testable import KlaxonCore
import Testing

/// Review times written as people book meetings resolve to the next such moment, in UTC.
@Suite struct ReviewDayWordsTests {
    /// Thursday 2026-11-26, 14:00 UTC.
    static let now = Fixture.declaredAt

    @Test("A day in words and a time resolve to the next such moment; words alone, or a day without a time, to none", arguments: [
        ("tomorrow 17:00", "2026-11-27 17:00"),
        ("Friday at 10:00, room 2", "2026-11-27 10:00"),
        ("on fri 10:00", "2026-11-27 10:00"),
        ("thursday 15:00", "2026-11-26 15:00"),
        ("thursday 10:00", "2026-12-03 10:00"),
        ("Dec 3 10:00", "2026-12-03 10:00"),
        ("3rd December 09:30", "2026-12-03 09:30"),
        ("Nov 20 10:00", "2027-11-20 10:00"),
        ("today 15:30", "2026-11-26 15:30"),
        ("Friday after standup", nil),
        ("tomorrow", nil),
        ("Feb 30 10:00", nil),
    ] as [(String, String?)])
    func dayWordsResolve(text: String, expected: String?) {
        let resolved = ReviewDayWords.resolve(text, at: Self.now)
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        #expect(resolved.map(formatter.string(from:)) == expected)
    }

    @Test("A review booked for today at a time already past is refused as past")
    func todayAtAPastTimeIsPast() {
        #expect(IncidentDecider.reviewTime("today 09:00", scheduledAt: Self.now).map { $0 < Self.now } == true)
    }
}
