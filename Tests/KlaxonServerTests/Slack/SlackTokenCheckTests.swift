import Foundation
@testable import KlaxonServer
import KlaxonSlack
import Testing

/// A bot token Slack refuses is in the log at start-up, before an incident's alert fails to reach the channel.
@Suite("Slack token check")
struct SlackTokenCheckTests {
    @Test("The check, printed as ServiceLifecycle logs it when it starts and stops, does not show the token")
    func theCheckPrintsWithoutTheToken() {
        let check = SlackTokenCheck(api: SlackWebAPI(baseURL: "http://127.0.0.1:1", token: "xoxb-secret-0123"), logger: .init(label: "test"))
        for printed in ["\(check)", String(reflecting: check), "\(check.api)", String(reflecting: check.api)] {
            #expect(!printed.contains("xoxb-secret-0123"), "\(printed)")
        }
    }

    @Test("Slack's answer to auth.test says whether the token works, is refused, or could not be checked", arguments: [
        (FakeSlackAPI.Answer.accept, SlackTokenCheck.Outcome.works(team: "Acme")),
        (.slackError("invalid_auth"), .refused("auth.test: invalid_auth")),
        (.slackError("token_revoked"), .refused("auth.test: token_revoked")),
        (.status(503, retryAfter: nil), .unreachable("auth.test: HTTP 503")),
    ])
    func theCheckReadsSlacksAnswer(answer: FakeSlackAPI.Answer, expected: SlackTokenCheck.Outcome) async throws {
        let slack = try await FakeSlackAPI.start()
        slack.script([answer])
        let outcome = await SlackTokenCheck.check(SlackWebAPI(baseURL: slack.baseURL, token: "xoxb-test-token"))
        #expect(outcome == expected)
        #expect(slack.calls.map(\.method) == ["auth.test"])
        #expect(!"\(outcome)".contains("xoxb-test-token"), "the token stays out of what is logged")
        await slack.stop()
    }
}
