import KlaxonCore
import Testing

@Suite("PolicyDuration")
struct PolicyDurationTests {
    @Test("Durations parse from the policy's spelling", arguments: [
        ("15m", 900), ("2h", 7200), ("1h30m", 5400), ("45s", 45), ("90s", 90), ("1d", 86_400), ("24h", 86_400),
        ("-5m", -300), ("-1h30m", -5400), ("0m", 0), ("1H30M", 5400), ("  15m ", 900), ("1d2h3m4s", 93_784),
    ])
    func durationsParseFromThePolicysSpelling(text: String, seconds: Int) {
        #expect(PolicyDuration(text: text)?.seconds == seconds)
    }

    @Test("Text that is not a duration does not parse", arguments: [
        "", "  ", "15", "m", "-", "--5m", "+5m", "1.5h", "15 m", "1h 30m", "15min", "fifteen minutes", "15x", "h15", "1h30",
        "99999999999999999999m",
    ])
    func textThatIsNotADurationDoesNotParse(text: String) {
        #expect(PolicyDuration(text: text) == nil)
    }

    @Test("A duration prints in its shortest spelling", arguments: [
        (900, "15m"), (7200, "2h"), (5400, "1h30m"), (90, "1m30s"), (45, "45s"), (86_400, "1d"), (90_000, "1d1h"),
        (0, "0m"), (-300, "-5m"), (-5400, "-1h30m"),
    ])
    func aDurationPrintsInItsShortestSpelling(seconds: Int, text: String) {
        #expect(PolicyDuration(seconds: seconds).description == text)
    }

    @Test("Printing and parsing again gives the same duration", arguments: [1, 59, 60, 61, 900, 3599, 3600, 5400, 86_399, 86_400, 200_000, -61])
    func printingAndParsingAgainGivesTheSameDuration(seconds: Int) {
        #expect(PolicyDuration(text: PolicyDuration(seconds: seconds).description) == PolicyDuration(seconds: seconds))
    }

    @Test("A duration is spoken in words people read", arguments: [
        (900, "15 minutes"), (60, "1 minute"), (3600, "1 hour"), (7200, "2 hours"), (5400, "1 hour 30 minutes"),
        (61, "1 minute 1 second"), (86_400, "24 hours"), (90_000, "25 hours"), (172_800, "2 days"), (176_400, "2 days 1 hour"),
        (0, "0 minutes"),
    ])
    func aDurationIsSpokenInWordsPeopleRead(seconds: Int, spoken: String) {
        #expect(PolicyDuration(seconds: seconds).spoken == spoken)
    }

    @Test("Minutes and hours are counted in seconds and order by length")
    func minutesAndHoursAreCountedInSecondsAndOrderByLength() {
        #expect(PolicyDuration.minutes(15).seconds == 900)
        #expect(PolicyDuration.hours(2).seconds == 7200)
        #expect(PolicyDuration.minutes(90) == PolicyDuration(text: "1h30m"))
        #expect(PolicyDuration.minutes(59) < PolicyDuration.hours(1))
        #expect(!(PolicyDuration.hours(1) < PolicyDuration.minutes(60)))
    }
}

@Suite struct PolicyDurationOverflowTests {
    @Test(arguments: ["9999999999999999h", "99999999999999999999m", "106751991167301d"])
    func anAbsurdlyLargeDurationIsNotADuration(text: String) {
        #expect(PolicyDuration(text: text) == nil)
    }
}
