import Foundation
@testable import KlaxonCore
import Testing

/// A review time no calendar or clock has is refused as a typo, naming the impossible part; times that exist are not.
@Suite struct ImpossibleReviewTimeTests {
    @Test(arguments: [
        ("friday 25:00", "25:00"), ("2026-02-30 10:00", "2026-02-30"), ("2026-13-01 10:00", "2026-13-01"), ("feb 30 10:00", "feb 30"),
        ("Dec 32 10:00", "dec 32"), ("30th February 10:00", "30th february"), ("tomorrow 10:00 +25:00", "+25:00"), ("2026-12-01 10:00 +99:00", "+99:00"),
    ])
    func anImpossibleTimeIsNamed(when: String, impossible: String) {
        #expect(ReviewDayWords.impossibleTime(in: when) == impossible)
    }

    @Test(arguments: ["2026-12-01 10:00 +14:00", "feb 29 10:00", "Dec 3 10:00", "after standup, room 1:10", "friday 23:59", "3rd March 09:30 -05:00"])
    func aTimeThatExistsIsNotRefused(when: String) {
        #expect(ReviewDayWords.impossibleTime(in: when) == nil)
    }
}
