import Foundation
import KlaxonCore
import KlaxonDiscord
import Testing

@Suite struct DiscordResponderTests {
    typealias F = DiscordFixture

    private func message(_ response: DiscordInteractionResponse) throws -> DiscordMessage {
        guard response.type == .message, case .message(let message)? = response.data else { throw F.FixtureError() }
        return message
    }

    @Test func theP0AlertPingsEveryoneAndCarriesTheIncidentControls() throws {
        let outcome = try F.outcome(.declare(severity: .p0, title: "Uploads <@53908232506183680> @here failing", kind: .general, publicFacing: false))
        let message = try message(try F.responder().response(to: outcome, now: F.now))
        #expect(!message.isEphemeral)
        #expect(message.content.hasPrefix("**[P0 INCIDENT]"))
        #expect(message.content.contains("@everyone"))
        // The title's mention is escaped, so only the declarer may be notified.
        #expect(message.content.contains(#"\<@53908232506183680\>"#))
        #expect(message.allowedMentions == DiscordAllowedMentions(parse: ["everyone"], users: [F.nelly.id], roles: []))
        let ids = message.components?.flatMap { $0.components ?? [] }.compactMap(\.customID)
        #expect(ids == ["incident:commander:1", "incident:update:1", "incident:status:1"])
    }

    @Test func aP1AlertPingsNoOneButConfiguredRoles() throws {
        let outcome = try F.outcome(.declare(severity: .p1, title: "Login broken", kind: .general, publicFacing: false))
        let responder = try F.responder(roleIDs: ["engineering-lead": ["role:41771983423143936"], "relevant-team": ["53908232506183680"]])
        let message = try message(responder.response(to: outcome, now: F.now))
        #expect(!message.content.contains("@everyone"))
        #expect(message.allowedMentions.parse.isEmpty)
        #expect(message.allowedMentions.roles == ["41771983423143936"])
        #expect(message.allowedMentions.users.contains(F.bob.id))
    }

    @Test func commanderAssignmentNotifiesOnlyTheCommander() throws {
        let incident = try F.incident(of: F.outcome(.declare(severity: .p0, title: "Down", kind: .general, publicFacing: false)))
        let outcome = try F.outcome(.commander(.current, .person(F.bob)), on: incident, by: F.nelly)
        let message = try message(try F.responder().response(to: outcome, now: F.now))
        #expect(message.content.contains("<@\(F.bob.id)> is incident commander for #1"))
        #expect(message.allowedMentions == DiscordAllowedMentions(parse: [], users: [F.bob.id], roles: []))
        #expect(message.components == nil)
    }

    @Test(arguments: [
        CommandOutcome.list([], total: 0), .runbooks, .help(nil), .help(CommandCatalogue.spec(named: "resolve")),
        .rejected(.noOpenIncident), .rejected(.unknownCommand("launch")),
    ])
    func answersToTheSenderAreEphemeralAndNotifyNoOne(_ outcome: CommandOutcome) throws {
        let message = try message(try F.responder().response(to: outcome, now: F.now))
        #expect(message.isEphemeral)
        #expect(message.flags == 64)
        #expect(message.allowedMentions == .none)
        #expect(!message.content.isEmpty)
    }

    @Test("A refusal shows its commands as code, in Discord's syntax, and escapes what was typed outside them", arguments: [
        (CommandRejection.unknownCommand("l*unch"), "I don't know `l*unch`. Try `/incident help`, or declare with `/incident declare severity:p0|p1|p2|p3 title:<title>`."),
        (.resolutionChecklistIncomplete(IncidentID(3), missing: ["Smoke tests"]), "Before resolving #3, verify the fix is real. Still open:\n• Smoke tests\nTick them with `/incident checklist check item:<item> incident:#3`, or resolve anyway with `/incident resolve summary:<summary> force:<reason> incident:#3`."),
        (.missingArgument(command: "started", what: "a time"), "`started` needs a time. Usage: `/incident milestone started time (optional: incident)`"),
        (.alreadyChecked(IncidentID(2), item: "a`b"), ##"\`a\`b\` is already ticked on #2."##),
        (.notTickedByHand(IncidentID(2), item: "*Smoke* tests"), ##"“\*Smoke\* tests” was not ticked by hand on #2, so there is no tick to take back"##),
    ])
    func aRefusalShowsItsCommandsAsCode(rejection: CommandRejection, shown: String) throws {
        let message = try message(try F.responder().response(to: .rejected(rejection), now: F.now))
        #expect(message.content.hasPrefix(shown), "\(message.content)")
    }

    @Test func aNoteIsConfirmedToTheSenderOnly() throws {
        let incident = try F.incident(of: F.outcome(.declare(severity: .p2, title: "OCR slow", kind: .general, publicFacing: false)))
        let message = try message(try F.responder().response(to: F.outcome(.note(.current, text: "Queue drained"), on: incident), now: F.now))
        #expect(message.isEphemeral)
        #expect(message.content.contains("Queue drained"))
    }

    @Test func helpShowsDiscordSyntax() throws {
        let all = try message(try F.responder().response(to: .help(nil), now: F.now)).content
        // Every command on one screen: the whole list fits one message, a group's commands on one line.
        #expect(!all.contains("cut to fit"))
        #expect(all.contains("• `/incident declare` Declare an incident"))
        #expect(all.contains("• `/incident findings …` impact, cause, gap: What the review found"))
        #expect(all.contains("• `/incident help`"))
        #expect(!all.contains("p0|p1"))
        let one = try message(try F.responder().response(to: .help(CommandCatalogue.spec(named: "update")), now: F.now)).content
        #expect(one.contains("/incident update text:Rolled back the deploy, watching error rates"))
    }

    @Test("Help's command option suggests every command as typed, grouped ones too, with the way to type it")
    func helpSuggestsEveryCommand() throws {
        let answer = try F.responder().suggestions(for: DiscordAutocompleteQuery(command: "help", option: "command", typed: "ca"), openIncidents: [])
        guard case .choices(let choices)? = answer.data else { Issue.record("no choices"); return }
        #expect(choices.map(\.value) == ["cause"])
        #expect(choices.first?.name == "findings cause · Record the root cause")
        let all = try F.responder().suggestions(for: DiscordAutocompleteQuery(command: "help", option: "command", typed: ""), openIncidents: [])
        guard case .choices(let every)? = all.data else { Issue.record("no choices"); return }
        #expect(every.count == 25, "Discord shows 25 at most; typing narrows them")
    }

    @Test("Help for a group (Discord's help lists `/incident page …`) lists its commands as they are typed")
    func helpForAGroupListsItsCommands() throws {
        let page = try message(try F.responder().response(to: .helpGroup(.page), now: F.now)).content
        #expect(page.hasPrefix("**Klaxon: What the public status page shows**"), "\(page)")
        #expect(page.contains("• `/incident page public"))
        #expect(page.contains("• `/incident page eta"))
        #expect(!page.contains("/incident declare"))
        let answer = try F.responder().suggestions(for: DiscordAutocompleteQuery(command: "help", option: "command", typed: "pa"), openIncidents: [])
        guard case .choices(let choices)? = answer.data else { Issue.record("no choices"); return }
        #expect(choices.first?.value == "page")
        #expect(choices.dropFirst().map(\.value) == CommandGroup.page.members.map(\.name))
    }

    @Test func contentPastDiscordsLimitIsCutAtALine() {
        let long = (1...300).map { "line \($0) of a long timeline" }.joined(separator: "\n")
        let message = DiscordMessage(content: long, ephemeral: true, allowedMentions: .none)
        #expect(message.content.count <= DiscordMessage.maxLength)
        #expect(message.content.hasSuffix("… (cut to fit Discord)"))
        #expect(message.content.contains("line 1 of a long timeline\n"))
    }

    @Test("Content past Discord's limit, counted as Discord counts it (UTF-16), keeps as much as fits: one long line is cut between words, not dropped", arguments: [
        // A long update is one quoted line after its heading: cut at the line break, nothing of it would be left.
        ("*Update on #1*\n> " + String(repeating: "word ", count: 500), "> word word", "word …\n… (cut to fit Discord)"),
        // Emoji count two units each, a family of four eleven: a text of 2,100 characters is too long for Discord.
        ("*Update*\n> " + String(repeating: "👨‍👩‍👧‍👦", count: 300), "👨‍👩‍👧‍👦👨‍👩‍👧‍👦", "👨‍👩‍👧‍👦\n… (cut to fit Discord)"),
        ("*Update*\n> " + String(repeating: "🔥 ", count: 700), "🔥 🔥", "🔥 …\n… (cut to fit Discord)"),
    ])
    func aLongLineIsCutBetweenWordsWithinDiscordsCount(long: String, kept: String, ending: String) {
        let content = DiscordMessage(content: long, ephemeral: false, allowedMentions: .none).content
        #expect(content.utf16.count <= DiscordMessage.maxLength)
        #expect(content.utf16.count > DiscordMessage.maxLength / 2, "most of it kept: \(content.utf16.count)")
        #expect(content.contains(kept))
        #expect(content.hasSuffix(ending))
    }

    @Test("An announcement too long for one message is answered in parts that hold all of it; shown privately, it is cut")
    func aLongAnnouncementIsAnsweredInParts() throws {
        let incident = try F.incident(of: F.outcome(.declare(severity: .p1, title: "Login broken", kind: .general, publicFacing: false)))
        let text = (1...300).map { "step\($0)" }.joined(separator: " ") + " end-of-update"
        let outcome = try F.outcome(.update(.current, text: text), on: incident, by: F.nelly)
        let response = try F.responder().response(to: outcome, now: F.now)
        let parts = try [message(response)] + response.followUps
        #expect(parts.count > 1)
        #expect(parts.first?.content.hasPrefix("**Update on #1 Login broken**") == true)
        #expect(parts.allSatisfy { $0.content.utf16.count <= DiscordMessage.maxLength && !$0.isEphemeral })
        let words = parts.map(\.content).joined(separator: " ").split(whereSeparator: { " \n>".contains($0) })
        #expect(words.filter { $0.hasPrefix("step") || $0 == "end-of-update" }.count == 301, "every word of the update, once")
        #expect(!parts.contains { $0.content.contains("cut to fit Discord") })
        let shown = try F.responder().privateResponse(to: outcome, now: F.now)
        #expect(shown.followUps.isEmpty)
        #expect(try message(shown).content.hasSuffix("… (cut to fit Discord)"))
    }

    @Test func postUpdateOpensAFormWhoseSubmissionNamesTheIncident() throws {
        let modal = DiscordModal.update(IncidentID(3))
        #expect(DiscordControlID(modal.customID) == DiscordControlID(.updateForm, incident: IncidentID(3)))
        #expect(modal.title == "Update on #3")
        #expect(modal.components.map(\.type) == [18])
    }

    @Test("The resolution form asks what fixed it (required) and why to resolve without the checklist (optional)")
    func theResolutionFormAsksForTheSummaryAndAnOptionalReason() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(DiscordModal.resolution(IncidentID(3)).limitingTexts(to: 3000)), as: UTF8.self)
        #expect(json == #"""
            {"components":[{"component":{"custom_id":"summary","max_length":3000,"required":true,"style":2,"type":4},\#
            "label":"What fixed it","type":18},{"component":{"custom_id":"force","max_length":3000,"required":false,"style":2,"type":4},\#
            "label":"Checklist not done? Why resolve anyway","type":18}],"custom_id":"incident:resolve-form:3","title":"Resolve #3"}
            """#)
    }

    @Test func theUpdateFormWrapsItsFieldInALabelNotADeprecatedActionRow() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(DiscordModal.update(IncidentID(3)).limitingTexts(to: 10_000)), as: UTF8.self)
        // A policy's limit past Discord's 4,000 is held to Discord's.
        #expect(json == #"""
            {"components":[{"component":{"custom_id":"text","max_length":4000,"required":true,"style":2,"type":4},\#
            "label":"What we know, what we're doing","type":18}],"custom_id":"incident:update-form:3","title":"Update on #3"}
            """#)
    }

    @Test func incidentSuggestionsMatchNumberOrTitle() throws {
        let first = try F.incident(of: F.outcome(.declare(severity: .p2, title: "OCR slow", kind: .general, publicFacing: false)))
        let second = Incident(id: IncidentID(12), events: first.timeline.map { $0 })!
        let responder = try F.responder()
        func names(_ typed: String) -> [String] {
            let response = responder.suggestions(for: .init(command: "update", option: "incident", typed: typed), openIncidents: [first, second])
            guard case .choices(let choices)? = response.data else { return [] }
            return choices.map(\.value)
        }
        #expect(names("") == ["#12", "#1"])
        #expect(names("#1") == ["#12", "#1"])
        #expect(names("12") == ["#12"])
        #expect(names("ocr") == ["#12", "#1"])
        #expect(names("nothing") == [])
    }

    @Test("A command that acts on resolved incidents (reopen, a finding, the report) suggests them after the open ones; one that needs an open incident does not", arguments: [
        ("reopen", ["#1", "#7", "#5"]), ("cause", ["#1", "#7", "#5"]), ("report", ["#1", "#7", "#5"]), ("update", ["#1"]), ("resolve", ["#1"]),
    ])
    func resolvedIncidentsAreSuggestedWhereTheyCanBeActedOn(command: String, expected: [String]) throws {
        let open = try F.incident(of: F.outcome(.declare(severity: .p2, title: "OCR slow", kind: .general, publicFacing: false)))
        let resolved = [5, 7].map { number in
            Incident(id: IncidentID(number), events: open.timeline + [IncidentEvent(at: F.now, actor: nil, change: .resolved(summary: "Fixed", forcedReason: "x"))])!
        }
        let response = try F.responder().suggestions(for: .init(command: command, option: "incident", typed: ""), openIncidents: [open], resolved: resolved)
        guard case .choices(let choices)? = response.data else { Issue.record("no choices"); return }
        #expect(choices.map(\.value) == expected)
        #expect(choices.dropFirst().allSatisfy { $0.name.hasSuffix("(resolved)") })
    }

    @Test func runbookSuggestionsComeFromThePolicy() throws {
        let responder = try F.responder()
        let response = responder.suggestions(for: .init(command: "runbook", option: "name", typed: "disk"), openIncidents: [])
        guard case .choices(let choices)? = response.data else {
            Issue.record("no choices")
            return
        }
        #expect(!choices.isEmpty)
        #expect(choices.allSatisfy { responder.renderer.policy.runbook(named: $0.value) != nil })
        #expect(choices.contains { $0.value.contains("disk") })
    }

    @Test func responsesEncodeAsDiscordExpects() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let pong = String(decoding: try encoder.encode(DiscordInteractionResponse.pong), as: UTF8.self)
        #expect(pong == #"{"type":1}"#)
        let message = DiscordInteractionResponse.message(DiscordMessage(content: "hi", ephemeral: true, allowedMentions: .none))
        #expect(String(decoding: try encoder.encode(message), as: UTF8.self)
            == #"{"data":{"allowed_mentions":{"parse":[],"roles":[],"users":[]},"content":"hi","flags":64},"type":4}"#)
        let choices = DiscordInteractionResponse(.choices, .choices([DiscordChoice(name: "#1 P0 Down", value: "#1")]))
        #expect(String(decoding: try encoder.encode(choices), as: UTF8.self) == ##"{"data":{"choices":[{"name":"#1 P0 Down","value":"#1"}]},"type":8}"##)
    }

    @Test func aChoiceIsCutToDiscordsHundredCharactersAsDiscordCountsThem() {
        let title = "#11 P3 " + String(repeating: "👨‍👩‍👧‍👦", count: 40)
        let choice = DiscordChoice(name: title, value: "#11")
        #expect(choice.name.utf16.count <= 100, "\(choice.name.utf16.count) UTF-16 units")
        #expect(choice.name.hasPrefix("#11 P3 👨‍👩‍👧‍👦"))
        #expect(choice.value == "#11")
    }
}
