import Foundation
import KlaxonCore
import KlaxonFuzzSupport
import KlaxonPolicy
import KlaxonSlack
import PropertyBased
import Testing

/// Mutated slash-command bodies, as Slack and Mattermost send them: each is decoded into a command whose every reply
/// carries no channel-wide mention beyond the policy's own, or refused with a typed error; never a trap.
@Suite struct SlashCommandFormFuzzTests {
    /// A body as Slack sends it (its documentation's example, with Klaxon's command).
    static let seeds = [
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&enterprise_id=E0001&channel_id=C2147483705&channel_name=test"
            + "&user_id=U2147483697&user_name=Steve&command=%2Fincident&text=p0+Uploads+failing+for+everyone+public"
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0",
        "token=x&team_id=T1&channel_id=C0INC&channel_name=incidents&user_id=UANN&user_name=ann&command=%2Fincident"
            + "&text=update+%231+We+are+investigating+%3C%21here%3E&trigger_id=1.2.3",
        "channel_id=qmw86q7qsjriura9jos75i4why&channel_name=town-square&command=%2Fincident&response_url=http%3A%2F%2Fmm.example%2Fhooks%2Fcommands%2Fx"
            + "&team_domain=acme&team_id=tusnbrbmkjdt3ffm6b9o3d9r6e&text=commander+%40bob&token=tok&trigger_id=abc&user_id=9o1qkkkbf7gdmyxt9rcd8wctmr&user_name=channel",
    ]

    @Test func mutatedSlashCommandBodiesAreDecodedSafelyOrRefusedByType() async throws {
        let slack = try ReplyProbe(dialect: SlackDialect())
        let mattermost = try ReplyProbe(dialect: MattermostDialect())
        await propertyCheck(count: 1000, input: Gen.uint64(in: 0...UInt64.max), Gen<String?>.element(of: Self.seeds)) { seed, body in
            var mutator = Mutator(seed: seed)
            let bytes = mutator.mutate(Array((body ?? "").utf8), rounds: 6)
            let form: SlackCommandRequest
            do throws(SlackCommandRequest.Failure) {
                guard case .command(let decoded) = try SlashCommandForm(body: bytes) else { return }
                form = decoded
            } catch {
                #expect(!error.reason.isEmpty)
                return
            }
            for (platform, probe, count) in [(Platform.slack, slack, LiveBroadcasts.slack), (Platform.mattermost, mattermost, LiveBroadcasts.mattermost)] {
                let command: IncidentCommand
                do throws(CommandRejection) {
                    command = try CommandParser(platform: platform).parse(form.text)
                } catch {
                    #expect(count(probe.composer.reply(to: .rejected(error), now: probe.now).text) == 0)
                    continue
                }
                for (text, allowed) in probe.replies(to: command, by: form.actor(platform: platform), in: form.channel(platform: platform)) {
                    #expect(count(text) <= allowed, "\(platform): \(text)")
                }
            }
        }
    }
}
