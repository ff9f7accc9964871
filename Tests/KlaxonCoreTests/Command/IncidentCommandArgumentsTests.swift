import KlaxonCore
import Testing

@Suite("Commands from typed options")
struct IncidentCommandArgumentsTests {
    typealias A = CommandArguments
    static let bob = Participant(platform: .discord, id: "53908232506183680", name: "bob")

    /// The same command typed in the text grammar and given as options.
    static let equivalents: [(String, String, A)] = [
        ("p0 Uploads failing --public", "declare", A(["severity": .text("p0"), "title": .text("Uploads failing"), "public": .flag(true)])),
        ("declare p1 kind:security Keys leaked", "declare", A(["severity": .text("P1"), "title": .text("Keys leaked"), "kind": .text("security")])),
        ("update #3 Rolled back", "update", A(["incident": .text("#3"), "text": .text("Rolled back")])),
        ("update Rolled back", "update", A(["incident": .text("  "), "text": .text(" Rolled back ")])),
        ("status identified Pool exhausted", "status", A(["status": .text("identified"), "note": .text("Pool exhausted")])),
        ("status #2 monitoring", "status", A(["status": .text("Monitoring"), "incident": .text("2")])),
        ("commander me", "commander", A()),
        ("severity p1 EU only", "severity", A(["severity": .text("p1"), "reason": .text("EU only")])),
        ("scope All uploads", "scope", A(["text": .text("All uploads")])),
        ("check smoke-tests", "check", A(["item": .text("smoke-tests")])),
        ("note Pool raised", "note", A(["text": .text("Pool raised")])),
        ("resolve Fixed it --force customer asleep", "resolve", A(["summary": .text("Fixed it"), "force": .text("customer asleep")])),
        ("review #4 schedule tomorrow 10:00", "review", A(["incident": .text("#4"), "when": .text("tomorrow 10:00")])),
        ("list", "list", A()),
        ("show #2", "show", A(["incident": .text("#2")])),
        ("timeline", "timeline", A()),
        ("runbook disk-full", "runbook", A(["name": .text("disk-full")])),
        ("runbook", "runbook", A()),
        ("help resolve", "help", A(["command": .text("resolve")])),
    ]

    @Test("Options give the same command as the text grammar", arguments: equivalents)
    func optionsGiveTheSameCommandAsTheTextGrammar(text: String, name: String, arguments: A) throws {
        #expect(try IncidentCommand(named: name, arguments: arguments) == CommandParser(platform: .discord).parse(text))
    }

    @Test("Options that ask for two things, or that the command does not have, are refused instead of dropped", arguments: [
        ("action", A(["done": .text("1"), "text": .text("oops both")]), CommandRejection.conflictingOptions(command: "action", with: "done", others: ["text"])),
        ("review", A(["done": .flag(true), "when": .text("later")]), .conflictingOptions(command: "review", with: "done", others: ["when"])),
        ("update", A(["text": .text("hello"), "bogus": .text("z")]), .invalidValue(command: "update", value: "bogus", expected: "an option of `update` (text, public, incident)")),
        ("status", A(["status": .text("monitoring"), "force": .text("because")]), .conflictingOptions(command: "status", with: "monitoring", others: ["force"])),
        ("review", A(["when": .text("tomorrow 10:00"), "force": .text("x")]), .conflictingOptions(command: "review", with: "when", others: ["force"])),
    ])
    func conflictingOrUnknownOptionsAreRefused(name: String, arguments: A, rejection: CommandRejection) {
        #expect(throws: rejection) { try IncidentCommand(named: name, arguments: arguments) }
    }

    @Test("Resolving from the status option is a resolution: its note is the summary, and a reason to skip the checklist counts")
    func statusResolvedIsAResolution() throws {
        let arguments = A(["status": .text("resolved"), "note": .text("Cache warmed"), "force": .text("pending smoke tests")])
        #expect(try IncidentCommand(named: "status", arguments: arguments) == .resolve(.current, summary: "Cache warmed", forceReason: "pending smoke tests"))
        #expect(throws: CommandRejection.missingArgument(command: "status", what: "a note saying what fixed it (the resolution's summary)")) {
            try IncidentCommand(named: "status", arguments: A(["status": .text("resolved")]))
        }
    }

    @Test func aPersonOptionNamesTheCommander() throws {
        #expect(try IncidentCommand(named: "commander", arguments: A(["user": .person(Self.bob)])) == .commander(.current, .person(Self.bob)))
    }

    static let refusals: [(String, A, CommandRejection)] = [
        ("declare", A(["title": .text("x")]), .missingArgument(command: "declare", what: "a severity")),
        ("declare", A(["severity": .text("p0")]), .missingArgument(command: "declare", what: "a title")),
        ("declare", A(["severity": .text("p0"), "title": .text("x"), "kind": .text("weather")]),
         .invalidValue(command: "declare", value: "weather", expected: "a kind (security, billing or data-breach)")),
        ("status", A(["status": .text("done")]),
         .invalidValue(command: "status", value: "done", expected: "a status (investigating, identified, monitoring or resolved)")),
        ("update", A(["text": .text("x"), "incident": .text("#0")]), .invalidValue(command: "update", value: "#0", expected: "an incident number like #3")),
        ("review", A(), .missingArgument(command: "review", what: "when the review is")),
        ("ic", A(["incident": .text("x")]), .invalidValue(command: "commander", value: "x", expected: "an incident number like #3")),
        ("page", A(), .unknownCommand("page")),
    ]

    @Test("Bad or missing options are refused as the text grammar refuses them", arguments: refusals)
    func badOptionsAreRefused(name: String, arguments: A, expected: CommandRejection) {
        #expect(throws: expected) {
            try IncidentCommand(named: name, arguments: arguments)
        }
    }

    @Test func everyCatalogueCommandBuildsFromItsExampleOptions() throws {
        for spec in CommandCatalogue.all {
            var values: [String: A.Value] = [:]
            for option in spec.options where option.required {
                values[option.name] = .text(option.example ?? option.choices.first?.value ?? "x")
            }
            // Commands with two forms and no required option (review, action) build their first form from its example.
            for name in ["when", "text"] where values.isEmpty {
                if let example = spec.option(named: name)?.example { values[name] = .text(example) }
            }
            #expect(try IncidentCommand(named: spec.name, arguments: A(values)).name == spec.name)
        }
    }

    @Test func catalogueOptionsListRequiredOnesFirstWithUniqueNames() {
        for spec in CommandCatalogue.all {
            let required = spec.options.map(\.required)
            #expect(required == required.sorted { $0 && !$1 }, "\(spec.name)")
            #expect(Set(spec.options.map(\.name)).count == spec.options.count, "\(spec.name)")
            #expect(spec.brief.count <= 100, "\(spec.name)")
            #expect(spec.options.allSatisfy { !$0.choices.isEmpty || $0.kind != .text || $0.example != nil || !$0.required })
        }
    }

    @Test(arguments: [(A.Value.flag(true), true), (.flag(false), false), (.text("yes"), true), (.text("no"), false)])
    func flagsReadBooleansAndWords(value: A.Value, expected: Bool) {
        #expect(A(["public": value]).flag("public") == expected)
        #expect(!A().flag("public"))
    }
}
