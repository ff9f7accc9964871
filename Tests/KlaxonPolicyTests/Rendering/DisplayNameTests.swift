import KlaxonPolicy
import Testing

@Suite struct DisplayNameTests {
    @Test("A name after an @ can neither broadcast nor break the line", arguments: [
        ("ann", "ann"),
        ("@ann", "ann"),
        ("Ann Lee-Smith", "Ann Lee-Smith"),
        ("here", "\u{200B}here"),
        ("@Channel", "\u{200B}Channel"),
        ("everyone", "\u{200B}everyone"),
        ("bob @here", "bob @\u{200B}here"),
        ("x@y", "x@\u{200B}y"),
        ("line\nbreak", "line break"),
        ("tab\tbetween", "tab between"),
        ("José", "José"),
        ("ｈｅｒｅ", "ｈｅｒｅ"),
    ])
    func aNameAfterAnAtCanNeitherBroadcastNorBreakTheLine(name: String, shown: String) {
        #expect(DisplayName.afterAt(name) == shown)
    }
}
