import Foundation
import KlaxonCore
import KlaxonDiscord
import Testing

@Suite struct DiscordCommandRegistrationTests {
    static let incident = DiscordCommandRegistration.commands()[0]
    static let subcommands = incident.options ?? []

    @Test func oneIncidentCommandWithASubcommandPerCatalogueEntry() {
        #expect(DiscordCommandRegistration.commands().map(\.name) == ["incident"])
        let listed = Self.subcommands.flatMap { $0.type == 2 ? ($0.options ?? []) : [$0] }
        #expect(listed.map(\.name) == CommandCatalogue.all.map(\.name))
        #expect(listed.allSatisfy { $0.type == 1 })
    }

    @Test func theStatusPageMilestoneChecklistAndFindingsCommandsAreSubcommandGroupsSoTheCommandStaysWithinDiscordsLimit() throws {
        let page = try #require(Self.subcommands.first { $0.name == "page" })
        #expect(page.type == 2)
        #expect(page.options?.map(\.name) == ["public", "private", "eta", "affects", "notify"])
        let milestone = try #require(Self.subcommands.first { $0.name == "milestone" })
        #expect(milestone.type == 2)
        #expect(milestone.options?.map(\.name) == ["started", "mitigated"])
        let checklist = try #require(Self.subcommands.first { $0.name == "checklist" })
        #expect(checklist.type == 2)
        #expect(checklist.options?.map(\.name) == ["check", "uncheck"])
        let findings = try #require(Self.subcommands.first { $0.name == "findings" })
        #expect(findings.type == 2)
        #expect(findings.options?.map(\.name) == ["impact", "cause", "gap"])
        #expect(Self.subcommands.contains { $0.name == "withdraw" && $0.type == 1 })
        #expect(Self.subcommands.count == CommandCatalogue.all.count - 4 - 1 - 1 - 2)
        #expect(Self.subcommands.count <= 25)
    }

    @Test func declareHasTheOptionsTheIssueNames() throws {
        let declare = try #require(Self.subcommands.first { $0.name == "declare" })
        let options = declare.options ?? []
        #expect(options.map(\.name) == ["severity", "title", "kind", "public"])
        #expect(options.map(\.type) == [3, 3, 3, 5])
        #expect(options[0].choices?.map(\.value) == ["p0", "p1", "p2", "p3"])
        #expect(options[0].required == true)
        #expect(options[2].required == nil)
        let commander = try #require(Self.subcommands.first { $0.name == "commander" })
        #expect(commander.options?.first?.type == 6)
        let update = try #require(Self.subcommands.first { $0.name == "update" })
        #expect(update.options?.first { $0.name == "incident" }?.autocomplete == true)
    }

    @Test func everyNameAndDescriptionFitsDiscordsRules() {
        func check(_ option: DiscordApplicationCommand.Option) {
            #expect(option.name.range(of: "^[a-z0-9_-]{1,32}$", options: .regularExpression) != nil, "\(option.name)")
            #expect((1...100).contains(option.description.count), "\(option.name): \(option.description)")
            #expect((option.options ?? []).count <= 25)
            #expect((option.choices ?? []).count <= 25)
            let required = (option.options ?? []).map { $0.required == true }
            #expect(required == required.sorted { $0 && !$1 }, "required options come first in \(option.name)")
            (option.options ?? []).forEach(check)
        }
        #expect(Self.subcommands.count <= 25)
        Self.subcommands.forEach(check)
    }

    @Test func theJSONRoundTripsAndIsStable() throws {
        let json = DiscordCommandRegistration.json()
        let decoded = try JSONDecoder().decode([DiscordApplicationCommand].self, from: Data(json.utf8))
        #expect(decoded == DiscordCommandRegistration.commands())
        #expect(json.hasSuffix("}\n]\n"))
    }
}
