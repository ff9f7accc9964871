@testable import KlaxonServer
import Testing

/// Local mode's banner tells a new user how to talk to the bot: with the binary they started, or `swift run`.
@Suite struct LocalModeHelpTests {
    @Test("The say command is written as the binary was started, or as swift run from a build folder", arguments: [
        ("/work/main/.build/debug/klaxon", "swift run klaxon"), (".build/x86_64-unknown-linux-gnu/debug/klaxon", "swift run klaxon"), ("/src/.build/x86_64-unknown-linux-gnu/release/klaxon", "swift run klaxon"),
        ("./klaxon", "./klaxon"), ("/usr/local/bin/klaxon", "/usr/local/bin/klaxon"), ("klaxon", "klaxon"), ("", "swift run klaxon"),
    ])
    func theSayCommandIsWrittenAsTheBinaryWasStarted(started: String, expected: String) {
        #expect(KlaxonServer.sayInvocation(startedAs: started) == expected)
    }
}
