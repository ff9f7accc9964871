@testable import KlaxonCore
import Testing

/// Every free text a command carries is bounded: titles by `title`, the rest by `text`.
@Suite struct TextLimitsTests {
    static let limits = TextLimits(title: 10, text: 20)
    static let title = String(repeating: "t", count: 10)
    static let text = String(repeating: "x", count: 20)

    @Test(arguments: [
        IncidentCommand.declare(severity: .p1, title: title, kind: .general, publicFacing: false),
        .update(.current, text: text), .status(.current, phase: .identified, note: text), .severity(.current, .p3, reason: text),
        .scope(.current, text: text), .check(.current, item: text), .note(.current, text: text),
        .resolve(.current, summary: text, forceReason: text), .scheduleReview(.current, when: text),
    ])
    func textsAtTheLimitPass(_ command: IncidentCommand) throws {
        try Self.limits.check(command)
    }

    @Test(arguments: [
        (IncidentCommand.declare(severity: .p1, title: title + "!", kind: .general, publicFacing: false), CommandRejection.titleTooLong(length: 11, limit: 10)),
        (.update(.current, text: text + "!"), .textTooLong(what: "the update", length: 21, limit: 20)),
        (.status(.current, phase: .identified, note: text + "!"), .textTooLong(what: "the status note", length: 21, limit: 20)),
        (.severity(.current, .p3, reason: text + "!"), .textTooLong(what: "the reason", length: 21, limit: 20)),
        (.scope(.current, text: text + "!"), .textTooLong(what: "the scope", length: 21, limit: 20)),
        (.check(.current, item: text + "!"), .textTooLong(what: "the checklist item", length: 21, limit: 20)),
        (.note(.current, text: text + "!"), .textTooLong(what: "the note", length: 21, limit: 20)),
        (.resolve(.current, summary: text + "!", forceReason: nil), .textTooLong(what: "the summary", length: 21, limit: 20)),
        (.resolve(.current, summary: "ok", forceReason: text + "!"), .textTooLong(what: "the --force reason", length: 21, limit: 20)),
        (.scheduleReview(.current, when: text + "!"), .textTooLong(what: "the review time", length: 21, limit: 20)),
        // Combining marks make one visible character; they still count.
        (.declare(severity: .p1, title: "e" + String(repeating: "\u{301}", count: 10), kind: .general, publicFacing: false), .titleTooLong(length: 11, limit: 10)),
    ] as [(IncidentCommand, CommandRejection)])
    func aTextOverTheLimitIsRefusedNamingWhatAndHowLong(_ command: IncidentCommand, expected: CommandRejection) {
        #expect(throws: expected) { try Self.limits.check(command) }
    }

    @Test("A control character is refused, naming it: a NUL anywhere, a line break in a title; a text may break lines and hold tabs", arguments: [
        (IncidentCommand.declare(severity: .p3, title: "Nul\u{0}byte", kind: .general, publicFacing: false), CommandRejection.controlCharacter(what: "the title", scalar: 0)),
        (.declare(severity: .p3, title: "Line one\nLine two", kind: .general, publicFacing: false), .controlCharacter(what: "the title", scalar: 0x0A)),
        (.update(.current, text: "ring \u{7}"), .controlCharacter(what: "the update", scalar: 7)),
        (.note(.current, text: "C1 \u{85} next line"), .controlCharacter(what: "the note", scalar: 0x85)),
    ] as [(IncidentCommand, CommandRejection)])
    func aControlCharacterIsRefused(_ command: IncidentCommand, expected: CommandRejection) {
        #expect(throws: expected) { try TextLimits.standard.check(command) }
    }

    @Test func aTextMayBreakLinesAndHoldTabs() throws {
        try TextLimits.standard.check(.update(.current, text: "Steps:\n\t1. failed over\r\n\t2. watching"))
        #expect(CommandRejection.controlCharacter(what: "the title", scalar: 0x0A).message == "The title holds a control character (U+000A), a line break: a title is one line. Send it without.")
    }

    @Test func theControlCharactersRefusedAreUnicodesOwnControlCategoryWithTabsAndLineBreaksAllowedOutsideTitles() {
        var disagreements: [String] = []
        // Every scalar up to U+2FFF (C0, C1, the format characters and line separators among them), a sample beyond.
        for value in Array(UInt32(0)...0x2FFF) + Array(stride(from: UInt32(0x3000), through: 0x10FFFF, by: 251)) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let control = scalar.properties.generalCategory == .control
            let breakOrTab = [0x09, 0x0A, 0x0D].contains(value)
            if TextLimits.isRefusedControl(value, inTitle: true) != control { disagreements.append("U+\(String(value, radix: 16)) in a title") }
            if TextLimits.isRefusedControl(value, inTitle: false) != (control && !breakOrTab) { disagreements.append("U+\(String(value, radix: 16)) in a text") }
        }
        #expect(disagreements == [])
    }

    @Test func theRefusalsSayTheLimitAndWhatToDoInstead() {
        #expect(CommandRejection.titleTooLong(length: 400, limit: 300).message.contains("at most 300"))
        #expect(CommandRejection.textTooLong(what: "the update", length: 4000, limit: 3000).message.hasPrefix("The update is 4000 characters long; the limit is 3000."))
    }

    @Test func theDeciderAppliesThePolicysLimits() {
        var policy = TestPolicy.playbook
        policy.limits = TextLimits(title: 5, text: 5)
        #expect(throws: CommandRejection.titleTooLong(length: 6, limit: 5)) {
            try IncidentDecider(policy: policy).decide(
                .declare(severity: .p2, title: "Search", kind: .general, publicFacing: false), on: nil, by: Fixture.alice,
                in: Fixture.incidents, at: Fixture.declaredAt
            )
        }
    }
}
