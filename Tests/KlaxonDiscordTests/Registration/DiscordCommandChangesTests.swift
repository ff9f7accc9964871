import KlaxonDiscord
import Testing

@Suite struct DiscordCommandChangesTests {
    typealias Command = DiscordApplicationCommand
    static func sub(_ name: String, description: String = "d", required: Bool? = nil) -> Command.Option {
        Command.Option(type: 1, name: name, description: description, options: [
            Command.Option(type: 3, name: "text", description: "t", required: required),
        ])
    }

    @Test func nothingRegisteredMeansEverythingIsAdded() {
        let changes = DiscordCommandChanges(registered: [], desired: [Command(name: "incident", description: "x", options: [Self.sub("list")])])
        #expect(changes == DiscordCommandChanges(added: ["/incident"]))
        #expect(changes.summary == "+ /incident\n0 unchanged.")
    }

    @Test func subcommandsAreComparedOneByOne() {
        let registered = [
            Command(name: "incident", description: "x", options: [Self.sub("list"), Self.sub("update", description: "old"), Self.sub("gone")]),
            Command(name: "legacy", description: "y", options: []),
        ]
        let desired = [Command(name: "incident", description: "x", options: [Self.sub("list"), Self.sub("update", description: "new"), Self.sub("show")])]
        let changes = DiscordCommandChanges(registered: registered, desired: desired)
        #expect(changes.added == ["/incident show"])
        #expect(changes.changed == ["/incident update"])
        #expect(changes.removed == ["/incident gone", "/legacy"])
        #expect(changes.unchanged == ["/incident list"])
        #expect(!changes.isEmpty)
    }

    @Test func absentAndFalseRequiredAreTheSame() {
        var registered = Command(name: "incident", description: "x", options: [Self.sub("list", required: false)])
        registered.type = nil
        let changes = DiscordCommandChanges(registered: [registered], desired: [Command(name: "incident", description: "x", options: [Self.sub("list")])])
        #expect(changes.isEmpty)
        #expect(changes.summary == "No changes.\n1 unchanged.")
    }
}
