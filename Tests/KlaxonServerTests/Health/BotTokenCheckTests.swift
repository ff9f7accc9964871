import Foundation
@testable import KlaxonServer
import KlaxonSlack
import Testing

/// A bot token the platform refuses is in the log at start-up, before an incident's alert fails to reach the channel.
@Suite("Bot token check")
struct BotTokenCheckTests {
    @Test("The check, printed as ServiceLifecycle logs it when it starts and stops, does not show the token")
    func theCheckPrintsWithoutTheToken() {
        let slack = SlackWebAPI(baseURL: "http://127.0.0.1:1", token: "xoxb-secret-0123")
        let mattermost = MattermostAPI(baseURL: "http://127.0.0.1:1", token: "mm-secret-0123")
        let checks = [BotTokenCheck.slack(slack, logger: .init(label: "test")), .mattermost(mattermost, channel: "c1", logger: .init(label: "test"))]
        #expect(checks.map(\.description) == ["SlackTokenCheck", "MattermostTokenCheck"])
        let printed = checks.flatMap { ["\($0)", String(reflecting: $0)] } + ["\(slack)", String(reflecting: slack), "\(mattermost)", String(reflecting: mattermost)]
        for text in printed {
            #expect(!text.contains("secret-0123"), "\(text)")
        }
    }

    @Test("Slack's answer to auth.test says whether the token works, is refused, or could not be checked", arguments: [
        (FakeSlackAPI.Answer.accept, BotTokenCheck.Outcome.works(as: "Acme")),
        (.slackError("invalid_auth"), .refused("auth.test: invalid_auth")),
        (.slackError("token_revoked"), .refused("auth.test: token_revoked")),
        (.status(503, retryAfter: nil), .unreachable("auth.test: HTTP 503")),
    ])
    func theCheckReadsSlacksAnswer(answer: FakeSlackAPI.Answer, expected: BotTokenCheck.Outcome) async throws {
        let slack = try await FakeSlackAPI.start()
        slack.script([answer])
        let outcome = await BotTokenCheck.check(SlackWebAPI(baseURL: slack.baseURL, token: "xoxb-test-token"))
        #expect(outcome == expected)
        #expect(slack.calls.map(\.method) == ["auth.test"])
        #expect(!"\(outcome)".contains("xoxb-test-token"), "the token stays out of what is logged")
        await slack.stop()
    }

    @Test("Mattermost's answers say whether the token works (as whom) and the bot is in the incidents channel, or what is wrong", arguments: [
        ("mm-bot-token", "mm-incidents", BotTokenCheck.Outcome.works(as: "klaxon")),
        ("mm-revoked", "mm-incidents", .refused("/users/me: Invalid or expired session, please login again. (401)")),
        ("mm-overloaded", "mm-incidents", .unreachable("/users/me: HTTP 503")),
        ("mm-bot-token", "mm-typo", .cannotPost(channel: "mm-typo", "/channels/mm-typo/members/me: No channel member found for that user ID and channel ID. (404)")),
    ])
    func theCheckReadsMattermostsAnswer(token: String, channel: String, expected: BotTokenCheck.Outcome) async throws {
        let mattermost = try await FakeMattermostAPI.start()
        let outcome = await BotTokenCheck.check(MattermostAPI(baseURL: mattermost.baseURL, token: token), channel: channel)
        #expect(outcome == expected)
        #expect(!"\(outcome)".contains(token), "the token stays out of what is logged")
        await mattermost.stop()
    }
}
