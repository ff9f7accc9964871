import Foundation
import KlaxonCore
import KlaxonFuzzSupport
import PropertyBased
import Testing

/// Random and mutated command texts: each is a command or a typed refusal, never a trap, and a command's
/// incident reference is always a real incident number.
@Suite struct CommandParserFuzzTests {
    /// Real commands from the README, the seeds the mutations start from.
    static let seeds = [
        "p0 Uploads failing for everyone --public", "commander me", "commander #2 <@U0123|ann>", "update We are investigating failed uploads",
        "status identified Connection pool exhausted", "resolve Pool raised, uploads recovered --force customer confirmation pending",
        "check smoke-tests", "review schedule tomorrow 10:00, room 2", "severity #3 p2 calmer now", "scope EU customers only",
        "note #1 root cause found", "declare p1 kind:security Token leaked", "timeline #4", "runbook disk", "help update", "list",
    ]

    @Test func mutatedCommandTextIsParsedOrRefusedWithATypedRejection() async {
        let decider = IncidentDecider(policy: TestPolicy.playbook)
        let open = Fixture.incident(.p1)
        await propertyCheck(count: 1500, input: Gen.uint64(in: 0...UInt64.max), Gen<String?>.element(of: Self.seeds)) { seed, text in
            var mutator = Mutator(seed: seed)
            let typed = mutator.text(from: text ?? "")
            for platform in [Platform.slack, .mattermost] {
                let command: IncidentCommand
                do throws(CommandRejection) {
                    command = try CommandParser(platform: platform).parse(typed)
                } catch {
                    #expect(!error.message.isEmpty)
                    continue
                }
                if case .incident(let id)? = command.target { #expect(id.rawValue > 0, "\(typed)") }
                // Deciding on it never traps either: events, or a typed refusal.
                let incident: Incident? = if case .declare = command { nil } else { open }
                do throws(CommandRejection) {
                    _ = try decider.decide(command, on: incident, by: Fixture.alice, in: Fixture.incidents, at: Fixture.at(minutes: 5))
                } catch {
                    #expect(!error.message.isEmpty)
                }
            }
        }
    }

    @Test func anythingThatStartsLikeAnIncidentReferenceIsAValidOneOrRefused() async {
        let references = Gen<String?>.element(of: HostileWords.numbers.filter { $0.hasPrefix("#") } + ["#1", "#42", "#007"])
        await propertyCheck(count: 300, input: references, Gen<String?>.element(of: ["update", "resolve", "note", "show"])) { reference, verb in
            let (verb, reference) = (verb ?? "update", reference ?? "#")
            let text = "\(verb) \(reference) fixed --force tested"
            do throws(CommandRejection) {
                let command = try CommandParser(platform: .slack).parse(text)
                // Accepted only as the incident it names, never as the channel's current one.
                guard case .incident(let id)? = command.target else {
                    Issue.record("\(text) was applied to the current incident")
                    return
                }
                #expect("#\(id.rawValue)" == reference || reference == "#007")
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }
}
