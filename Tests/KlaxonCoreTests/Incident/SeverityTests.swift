import KlaxonCore
import Testing

@Suite("Severity, status and incident ids")
struct SeverityTests {
    @Test("A severity is read from the ways people write it", arguments: [
        ("p0", Severity.p0), ("P0", .p0), ("sev0", .p0), ("SEV1", .p1), ("Sev2", .p2), ("0", .p0), ("3", .p3), ("p3", .p3),
    ])
    func aSeverityIsReadFromTheWaysPeopleWriteIt(text: String, severity: Severity) {
        #expect(Severity(text: text) == severity)
    }

    @Test("Text that names no severity is not one", arguments: ["", "p", "p4", "4", "sev", "sev-1", "critical", "p00", "pp0", "P 0"])
    func textThatNamesNoSeverityIsNotOne(text: String) {
        #expect(Severity(text: text) == nil)
    }

    @Test("P0 is the most severe and sorts first")
    func p0IsTheMostSevereAndSortsFirst() {
        #expect([Severity.p3, .p0, .p2, .p1].sorted() == [.p0, .p1, .p2, .p3])
        #expect(Severity.p0 < .p1)
        #expect(Severity.p0.label == "P0")
    }

    @Test("Status phases follow the status page and read capitalised")
    func statusPhasesFollowTheStatusPageAndReadCapitalised() {
        #expect([StatusPhase.resolved, .investigating, .monitoring, .identified].sorted() == [.investigating, .identified, .monitoring, .resolved])
        #expect(StatusPhase.investigating.title == "Investigating")
    }

    @Test("An incident id is read with or without its hash", arguments: [("#12", 12), ("12", 12), ("#1", 1), ("007", 7)])
    func anIncidentIdIsReadWithOrWithoutItsHash(text: String, number: Int) {
        #expect(IncidentID(text: text) == IncidentID(number))
    }

    @Test("Text that is no positive number is no incident id", arguments: ["", "#", "#0", "0", "#-3", "-3", "##5", "#abc", "#1.5", "# 5", "#5a", "#+5", "+5", "#٣"])
    func textThatIsNoPositiveNumberIsNoIncidentId(text: String) {
        #expect(IncidentID(text: text) == nil)
    }

    @Test("An incident id is shown with a hash and sorts by number")
    func anIncidentIdIsShownWithAHashAndSortsByNumber() {
        #expect(IncidentID(12).description == "#12")
        #expect(IncidentID(2) < IncidentID(10))
    }
}
