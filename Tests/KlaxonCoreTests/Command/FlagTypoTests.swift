import KlaxonCore
import Testing

/// Flags as tired people type them: `--public` with one hyphen, with the sentence's punctuation, or first in a
/// declaration are the flag; a near miss (`--pubic`) is refused rather than kept as text, which would declare an
/// internal incident (and paging everyone again once the mistake is seen).
@Suite struct FlagTypoTests {
    let parser = CommandParser(platform: .slack)

    static let understood: [(String, IncidentCommand)] = [
        ("p0 Login broken -public", .declare(severity: .p0, title: "Login broken", kind: .general, publicFacing: true)),
        ("p0 Login broken (--public)", .declare(severity: .p0, title: "Login broken", kind: .general, publicFacing: true)),
        ("update -public Failing over the database", .publicUpdate(.current, text: "Failing over the database")),
        ("update Failing over the database --public.", .publicUpdate(.current, text: "Failing over the database")),
        ("update Failing over the database (--public)", .publicUpdate(.current, text: "Failing over the database")),
        ("p3 Search down \"--public\"", .declare(severity: .p3, title: "Search down", kind: .general, publicFacing: true)),
        ("p3 Search down [--public]", .declare(severity: .p3, title: "Search down", kind: .general, publicFacing: true)),
        ("p3 Search down ---public", .declare(severity: .p3, title: "Search down", kind: .general, publicFacing: true)),
        ("resolve Pool raised --force verified by hand.", .resolve(.current, summary: "Pool raised", forceReason: "verified by hand.")),
        // Words with dashes that are no flag's typo stay text.
        ("update Ran migrate --dry-run on staging", .update(.current, text: "Ran migrate --dry-run on staging")),
        ("update Rolled back -20m ago", .update(.current, text: "Rolled back -20m ago")),
        ("p1 Deploy script --verbose hangs", .declare(severity: .p1, title: "Deploy script --verbose hangs", kind: .general, publicFacing: false)),
        ("note Someone typed --pubic somewhere", .note(.current, text: "Someone typed --pubic somewhere")),
        ("update Rerun the job with --publish", .update(.current, text: "Rerun the job with --publish")),
        // `--force` is looked for among a summary's words: only the flag itself counts there.
        ("resolve Restarted IIS with Restart-Service W3SVC -Force, traffic is back",
         .resolve(.current, summary: "Restarted IIS with Restart-Service W3SVC -Force, traffic is back", forceReason: nil)),
        ("resolve Rolled back (redeployed with helm --force, pods healthy)",
         .resolve(.current, summary: "Rolled back (redeployed with helm --force, pods healthy)", forceReason: nil)),
        ("resolve Redeployed with gcloud run deploy --source . errors gone",
         .resolve(.current, summary: "Redeployed with gcloud run deploy --source . errors gone", forceReason: nil)),
        ("resolve Pinned the chart with --forge-version 2", .resolve(.current, summary: "Pinned the chart with --forge-version 2", forceReason: nil)),
    ]

    @Test(arguments: understood)
    func aFlagTypedLooselyIsStillTheFlag(text: String, expected: IncidentCommand) throws {
        #expect(try parser.parse(text) == expected)
    }

    static let refused: [(String, String, String)] = [
        ("p0 Login broken --pubic", "--pubic", "--public"),
        ("p1 --pubilc Checkout failing", "--pubilc", "--public"),
        ("p0 Login broken \u{2014}publc", "\u{2014}publc", "--public"),
        ("update --pulbic Failing over", "--pulbic", "--public"),
        ("update Failing over -publik", "-publik", "--public"),
        ("status identified --pubic Bad deploy", "--pubic", "--public"),
        ("resolve Pool raised --forse verified by hand", "--forse", "--force"),
        ("resolve Pool raised --publci", "--publci", "--public"),
        ("resolve Works again --pubic --force verified by hand", "--pubic", "--public"),
    ]

    @Test(arguments: refused)
    func aNearMissOfAFlagIsRefusedNamingTheFlag(text: String, word: String, flag: String) {
        #expect(throws: CommandRejection.mistypedFlag(word, flag: flag)) { try parser.parse(text) }
    }

    @Test(arguments: ["p2 --public Search results empty", "p2 -public Search results empty"])
    func aDeclarationStartingWithTheFlagIsRefusedRatherThanGuessed(text: String) {
        #expect(throws: CommandRejection.invalidValue(
            command: "declare", value: String(text.split(separator: " ")[1]),
            expected: "where the flag goes: at the end of the title (`/incident p2 Search is down --public`)"
        )) { try parser.parse(text) }
    }
}
