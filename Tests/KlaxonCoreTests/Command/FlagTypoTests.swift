import KlaxonCore
import Testing

/// Flags as tired people type them: `--public` with one hyphen, with the sentence's punctuation, or first in a
/// declaration are the flag; a near miss (`--pubic`) is refused rather than kept as text, which would declare an
/// internal incident (and paging everyone again once the mistake is seen).
@Suite struct FlagTypoTests {
    let parser = CommandParser(platform: .slack)

    static let understood: [(String, IncidentCommand)] = [
        ("p2 --public Search results empty", .declare(severity: .p2, title: "Search results empty", kind: .general, publicFacing: true)),
        ("p0 Login broken -public", .declare(severity: .p0, title: "Login broken", kind: .general, publicFacing: true)),
        ("p0 Login broken (--public)", .declare(severity: .p0, title: "Login broken", kind: .general, publicFacing: true)),
        ("update -public Failing over the database", .publicUpdate(.current, text: "Failing over the database")),
        ("update Failing over the database --public.", .publicUpdate(.current, text: "Failing over the database")),
        ("update Failing over the database (--public)", .publicUpdate(.current, text: "Failing over the database")),
        ("resolve Pool raised --force verified by hand.", .resolve(.current, summary: "Pool raised", forceReason: "verified by hand.")),
        // Words with dashes that are no flag's typo stay text.
        ("update Ran migrate --dry-run on staging", .update(.current, text: "Ran migrate --dry-run on staging")),
        ("update Rolled back -20m ago", .update(.current, text: "Rolled back -20m ago")),
        ("p1 Deploy script --verbose hangs", .declare(severity: .p1, title: "Deploy script --verbose hangs", kind: .general, publicFacing: false)),
        ("note Someone typed --pubic somewhere", .note(.current, text: "Someone typed --pubic somewhere")),
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
    ]

    @Test(arguments: refused)
    func aNearMissOfAFlagIsRefusedNamingTheFlag(text: String, word: String, flag: String) {
        #expect(throws: CommandRejection.mistypedFlag(word, flag: flag)) { try parser.parse(text) }
    }
}
