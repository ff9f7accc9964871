import KlaxonCore
import KlaxonPolicy
import Testing

@Suite("PlainTextDialect")
struct PlainTextDialectTests {
    @Test("A name is shown on one line, with no broadcast", arguments: [
        ("ann", "@ann"),
        ("@ann", "@ann"),
        ("channel", "@\u{200B}channel"),
        ("Everyone", "@\u{200B}Everyone"),
        ("Ann\n> all clear\u{0}", "@Ann > all clear"),
        ("a @here b", "@a @\u{200B}here b"),
    ])
    func aNameIsShownOnOneLineWithNoBroadcast(name: String, shown: String) {
        #expect(PlainTextDialect().mention(Participant(platform: .discord, id: "80351110224678912", name: name)) == shown)
    }
}
