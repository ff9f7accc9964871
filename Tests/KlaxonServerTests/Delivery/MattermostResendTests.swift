import Foundation
import Testing

/// A DM to Mattermost that reached only some of its people is finished on the next attempt without repeating it to
/// those who have it, and one person who cannot get a DM does not keep it from the rest. (A message long enough to
/// go in parts, over 16,383 characters, cannot be written with a command; Discord's tests cover resuming parts.)
@Suite struct MattermostResendTests {
    static let bothCTOs = """
    cto:
      mattermost: ["@ann", "@bo"]
    """

    /// Bot posts in the DM with a user.
    private func direct(_ fake: FakeMattermostAPI, _ user: String) -> [String] {
        fake.posts.filter { $0.channel == "DM-\(user)" }.map(\.message)
    }

    @Test(arguments: [false, true]) func aDirectMessageThatFailedForOnePersonReachesEveryoneElseOnce(failsForGood: Bool) async throws {
        let (desk, worker, fake) = try await MattermostDeliveryTests().start(people: Self.bothCTOs)
        // Ann's DM fails for good (a deactivated account), or Bo's once (the proxy), after Ann has hers.
        let (failing, other) = failsForGood ? ("user-ann", "user-bo") : ("user-bo", "user-ann")
        let failure = FakeMattermostAPI.Answer.refused(failsForGood ? 403 : 502, failsForGood ? "User is deactivated" : "Bad gateway")
        fake.script(Array(repeating: failure, count: failsForGood ? 5 : 1), in: "DM-\(failing)")
        try await desk.say("p0 Uploads failing", at: 0)
        await worker.drain()
        desk.clock.advance(to: desk.clock.now.addingTimeInterval(600))
        await worker.drain()
        #expect(direct(fake, other).count == 1)
        #expect(direct(fake, failing).count == (failsForGood ? 0 : 1))
        try await desk.close()
        await fake.stop()
    }
}
