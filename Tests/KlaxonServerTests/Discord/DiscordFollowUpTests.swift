import Foundation
import KlaxonDiscord
@testable import KlaxonServer
import Logging
import Testing

/// The rest of a long answer, posted through the interaction's webhook.
@Suite("The rest of a long Discord answer")
struct DiscordFollowUpTests {
    @Test("An interaction's rest is posted once, in order, however often the answer is given (a retried interaction)")
    func theRestIsPostedOnce() async throws {
        let fake = try await FakeDiscordChannelAPI.start()
        let followUp = DiscordFollowUp(
            rest: DiscordREST(baseURL: fake.baseURL, token: ""), deferAfter: 2, logger: Logger(label: "test"), clock: ManualWallClock(TestHarness.start)
        )
        let parts = ["part two", "part three"].map { Data(#"{"content":"\#($0)"}"#.utf8) }
        await followUp.post(parts, application: "1150000000000000001", token: "t1")
        await followUp.post(parts, application: "1150000000000000001", token: "t1")
        await followUp.post(parts.prefix(1).map { $0 }, application: "1150000000000000001", token: "t2")
        #expect(fake.messages.map(\.channel) == ["followup:1150000000000000001/t1", "followup:1150000000000000001/t1", "followup:1150000000000000001/t2"])
        #expect(fake.messages.map(\.content) == ["part two", "part three", "part two"])
        await fake.stop()
    }
}
