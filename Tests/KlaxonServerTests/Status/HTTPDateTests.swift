import Foundation
@testable import KlaxonServer
import Testing

@Suite("HTTP dates, by arithmetic")
struct HTTPDateTests {
    /// Seconds since 1970 and the IMF-fixdate for them; the first is RFC 9110's own example, the others as Python's
    /// `email.utils.formatdate(t, usegmt=True)` writes them.
    static let vectors: [(Int, String)] = [
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_709_251_199, "Thu, 29 Feb 2024 23:59:59 GMT"),
        (1_795_701_600, "Thu, 26 Nov 2026 14:00:00 GMT"),
        (4_102_444_800, "Fri, 01 Jan 2100 00:00:00 GMT"),
    ]

    @Test("A date is written as IMF-fixdate and read back to the same second", arguments: vectors)
    func aDateIsWrittenAndReadBack(seconds: Int, text: String) {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        #expect(HTTPDate.format(date) == text)
        #expect(HTTPDate.parse(text) == date)
    }

    @Test("Fractions of a second are dropped, as the header has none")
    func fractionsAreDropped() {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 784_111_777.9)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test("Anything but an IMF-fixdate is not a date", arguments: [
        "", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT",
        "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
    ])
    func anythingElseIsNotADate(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }
}
