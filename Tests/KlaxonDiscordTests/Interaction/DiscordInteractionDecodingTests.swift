import Foundation
import KlaxonCore
import KlaxonDiscord
import Testing

@Suite struct DiscordInteractionDecodingTests {
    typealias P = DiscordPayloads
    static let nelly = Participant(platform: .discord, id: "80351110224678912", name: "Nelly")
    static let bob = Participant(platform: .discord, id: "53908232506183680", name: "bob")

    static func decode(_ body: String) throws -> DiscordInteraction {
        try DiscordInteraction(json: Data(body.utf8))
    }

    @Test func pingDecodes() throws {
        #expect(try Self.decode(#"{"application_id":"1","id":"2","token":"t","type":1,"version":1}"#) == .ping)
    }

    static let commands: [(String, IncidentCommand)] = [
        (P.command("declare", [P.string("severity", "p0"), P.string("title", "Uploads failing"), P.bool("public", true)]),
         .declare(severity: .p0, title: "Uploads failing", kind: .general, publicFacing: true)),
        (P.command("declare", [P.string("severity", "p1"), P.string("title", " Keys leaked "), P.string("kind", "security")]),
         .declare(severity: .p1, title: "Keys leaked", kind: .security, publicFacing: false)),
        (P.command("update", [P.string("text", "Rolled back"), P.string("incident", "#3")]), .update(.incident(IncidentID(3)), text: "Rolled back")),
        (P.command("update", [P.string("text", "Rolled back")]), .update(.current, text: "Rolled back")),
        (P.command("status", [P.string("status", "identified"), P.string("note", "Pool exhausted")]),
         .status(.current, phase: .identified, note: "Pool exhausted")),
        (P.command("commander", []), .commander(.current, .me)),
        (P.command("commander", [P.userOption("user", "53908232506183680"), P.string("incident", "7")], resolved: P.resolvedBob),
         .commander(.incident(IncidentID(7)), .person(bob))),
        (P.command("severity", [P.string("severity", "p2"), P.string("reason", "EU only")]), .severity(.current, .p2, reason: "EU only")),
        (P.command("scope", [P.string("text", "All uploads")]), .scope(.current, text: "All uploads")),
        (P.command("check", [P.string("item", "smoke-tests")]), .check(.current, item: "smoke-tests")),
        (P.command("note", [P.string("text", "Pool raised")]), .note(.current, text: "Pool raised")),
        (P.command("resolve", [P.string("summary", "Fixed"), P.string("force", "customer asleep")]),
         .resolve(.current, summary: "Fixed", forceReason: "customer asleep")),
        (P.command("resolve", [P.string("summary", "Fixed --force nothing")]), .resolve(.current, summary: "Fixed --force nothing", forceReason: nil)),
        (P.command("review", [P.string("when", "tomorrow 10:00")]), .scheduleReview(.current, when: "tomorrow 10:00")),
        (P.command("list"), .list),
        (P.grouped("page", "eta", [P.string("when", "30m"), P.string("incident", "#3")]), .eta(.incident(IncidentID(3)), .after(seconds: 1800))),
        (P.grouped("page", "affects", [P.string("components", "uploads,auth"), P.string("impact", "partial")]),
         .affects(.current, components: ["uploads", "auth"], impact: .partial)),
        (P.grouped("page", "private"), .makePrivate(.current)),
        (P.grouped("checklist", "check", [P.string("item", "smoke-tests")]), .check(.current, item: "smoke-tests")),
        (P.grouped("checklist", "uncheck", [P.string("item", "smoke-tests"), P.string("incident", "#2")]), .uncheck(.incident(IncidentID(2)), item: "smoke-tests")),
        (P.command("reopen", [P.string("reason", "Errors are back"), P.string("incident", "#3")]), .reopen(.incident(IncidentID(3)), reason: "Errors are back")),
        (P.command("update", [P.string("text", "Back up"), P.bool("public", true)]), .publicUpdate(.current, text: "Back up")),
        (P.command("show", [P.string("incident", "#2")]), .show(.incident(IncidentID(2)))),
        (P.command("timeline"), .timeline(.current)),
        (P.command("runbook", [P.string("name", "disk-full")]), .runbook("disk-full")),
        (P.command("runbook"), .runbook(nil)),
        (P.command("help", [P.string("command", "resolve")]), .help("resolve")),
        (P.component("incident:commander:4"), .commander(.incident(IncidentID(4)), .me)),
        (P.component("incident:status:4", componentType: 3, values: ["monitoring"]), .status(.incident(IncidentID(4)), phase: .monitoring, note: nil)),
        (P.modal("incident:update-form:4", text: "Line one\nLine two"), .update(.incident(IncidentID(4)), text: "Line one\nLine two")),
        (P.modal("incident:update-form:5", text: "Labelled", labelled: true), .update(.incident(IncidentID(5)), text: "Labelled")),
        (P.form("incident:resolve-form:6", fields: [("summary", "Rolled back"), ("force", "")]), .resolve(.incident(IncidentID(6)), summary: "Rolled back", forceReason: nil)),
        (P.form("incident:resolve-form:6", fields: [("summary", "Rolled back"), ("force", "verified by hand")]),
         .resolve(.incident(IncidentID(6)), summary: "Rolled back", forceReason: "verified by hand")),
    ]

    @Test(arguments: commands)
    func interactionsDecodeIntoTheCoreCommands(body: String, expected: IncidentCommand) throws {
        guard case .command(let decoded) = try Self.decode(body) else {
            Issue.record("not a command: \(try Self.decode(body))")
            return
        }
        #expect(decoded.command == expected)
        #expect(decoded.actor == Self.nelly)
        #expect(decoded.actor.name == "Nelly")
        #expect(decoded.channel == ChannelRef(platform: .discord, id: "41771983423143937"))
        #expect(decoded.interactionID == "1150123456789012345")
    }

    @Test func everyCatalogueCommandHasADiscordSubcommandThatDecodes() throws {
        for spec in CommandCatalogue.all {
            var options = spec.options.filter(\.required).map { option in
                P.string(option.name, option.choices.first?.value ?? option.example ?? "x")
            }
            // Commands with two forms and no required option (review, action) are given their first form's example.
            if options.isEmpty, let first = ["when", "text"].compactMap(spec.option(named:)).first, let example = first.example {
                options = [P.string(first.name, example)]
            }
            guard case .command(let decoded) = try Self.decode(P.command(spec.name, options)) else {
                Issue.record("\(spec.name) did not decode to a command")
                continue
            }
            #expect(decoded.command.name == spec.name)
        }
    }

    static let refusals: [(String, CommandRejection)] = [
        (P.command("declare", [P.string("severity", "p9"), P.string("title", "x")]),
         .invalidValue(command: "declare", value: "p9", expected: "a severity (p0, p1, p2 or p3)")),
        (P.command("declare", [P.string("severity", "p1"), P.string("title", "   ")]), .missingArgument(command: "declare", what: "a title")),
        (P.command("update", [P.string("text", "x"), P.string("incident", "three")]),
         .invalidValue(command: "update", value: "three", expected: "an incident number like #3")),
        (P.command("status", [P.string("status", "fixed")]),
         .invalidValue(command: "status", value: "fixed", expected: "a status (investigating, identified, monitoring or resolved)")),
        (P.command("launch"), .unknownCommand("launch")),
        (P.component("incident:status:4", componentType: 3, values: []), .missingArgument(command: "status", what: "a status")),
        (P.component("someone-else:button"), .unknownCommand("someone-else:button")),
        (P.modal("incident:update-form:4", text: "  "), .missingArgument(command: "update", what: "the update text")),
        (P.form("incident:resolve-form:4", fields: [("summary", " "), ("force", "")]), .missingArgument(command: "resolve", what: "a summary of the fix")),
        (P.modal("incident:commander:4", text: "x"), .unknownCommand("incident:commander:4")),
    ]

    @Test(arguments: refusals)
    func badValuesAreRefusedWithTheCoreMessage(body: String, expected: CommandRejection) throws {
        #expect(try Self.decode(body) == .refused(expected))
    }

    @Test("A number option is read without a trapping conversion, and refused when it is no incident number", arguments: [
        ("1e+20", "1e+20"), ("-1e+20", "-1e+20"), ("9223372036854775808", "9.223372036854776e+18"), ("1.7976931348623157e308", "1.7976931348623157e+308"),
        ("2.5", "2.5"), ("0", "0"), ("-1", "-1"),
    ])
    func aNumberOptionIsReadWithoutATrappingConversion(literal: String, shown: String) throws {
        let body = P.command("update", [P.string("text", "x"), P.number("incident", literal)])
        #expect(try Self.decode(body) == .refused(.invalidValue(command: "update", value: shown, expected: "an incident number like #3")))
    }

    @Test func aWholeNumberOptionNamesItsIncident() throws {
        guard case .command(let decoded) = try Self.decode(P.command("show", [P.number("incident", "3")])) else {
            Issue.record("not a command")
            return
        }
        #expect(decoded.command == .show(.incident(IncidentID(3))))
    }

    @Test("A command typed in a thread is about the channel the thread is in: an incident's thread is where its responders type", arguments: [
        (11, "41771983423143937"), (12, "41771983423143937"), (10, "41771983423143937"), (0, "900000000000000026"),
    ])
    func aCommandInAThreadIsAboutItsChannel(type: Int, expected: String) throws {
        let body = P.command("show").replacingOccurrences(
            of: #""channel":{"id":"41771983423143937","name":"incidents","type":0,"#,
            with: #""channel":{"id":"900000000000000026","name":"Uploads failing","type":\#(type),"parent_id":"41771983423143937","#
        ).replacingOccurrences(of: #""channel_id":"41771983423143937""#, with: #""channel_id":"900000000000000026""#)
        try #require(body.contains("900000000000000026"))
        guard case .command(let decoded) = try Self.decode(body) else {
            Issue.record("not a command")
            return
        }
        #expect(decoded.channel.id == expected)
    }

    @Test func anAutocompleteOfAHugeNumberIsAnsweredWithoutATrap() throws {
        let body = P.command("update", [P.string("text", "x"), P.number("incident", "1e+20", focused: true)], type: 4)
        #expect(try Self.decode(body) == .autocomplete(DiscordAutocompleteQuery(command: "update", option: "incident", typed: "1e+20")))
    }

    @Test func postUpdateOpensTheForm() throws {
        #expect(try Self.decode(P.component("incident:update:12")) == .openForm(.update(IncidentID(12))))
    }

    @Test("Resolved in the status menu opens the resolution form, as a resolution needs a summary; other statuses are set at once")
    func resolvedInTheStatusMenuOpensTheResolutionForm() throws {
        #expect(try Self.decode(P.component("incident:status:12", componentType: 3, values: ["resolved"])) == .openForm(.resolution(IncidentID(12))))
        guard case .command(let command) = try Self.decode(P.component("incident:status:12", componentType: 3, values: ["identified"])) else {
            Issue.record("expected a command")
            return
        }
        #expect(command.command == .status(.incident(IncidentID(12)), phase: .identified, note: nil))
    }

    @Test func autocompleteNamesTheFocusedOption() throws {
        let body = P.command("update", [P.string("text", "x"), P.string("incident", "#1", focused: true)], type: 4)
        #expect(try Self.decode(body) == .autocomplete(DiscordAutocompleteQuery(command: "update", option: "incident", typed: "#1")))
        let query = DiscordAutocompleteQuery(command: "runbook", option: "name", typed: "")
        #expect(query.suggestions == .runbooks)
        #expect(DiscordAutocompleteQuery(command: "update", option: "text", typed: "").suggestions == nil)
    }

    @Test(arguments: [
        "not json",
        #"{"type":2}"#,
        #"{"id":"1","type":99}"#,
        #"{"id":"1","type":2,"data":{"name":"other","options":[]}}"#,
        #"{"id":"1","type":2,"data":{"name":"incident","options":[{"name":"list","type":3,"value":"x"}]}}"#,
        #"{"id":"1","type":2,"channel_id":"5","data":{"name":"incident","options":[{"name":"list","type":1}]}}"#,
    ])
    func malformedBodiesAreRefusedWithoutEchoingThem(_ body: String) {
        #expect {
            try Self.decode(body)
        } throws: { error in
            guard let error = error as? DiscordDecodingError else { return false }
            return !error.reason.contains(body)
        }
    }
}
