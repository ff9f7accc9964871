import KlaxonCore
import KlaxonServer
import Testing

@Suite("The fingerprint of the policy a server ran with")
struct PolicyFingerprintTests {
    @Test("Where the status page is served changes no cadence, so not the fingerprint either")
    func thePagesAddressIsLeftOut() throws {
        let bundle = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil)
        let read = PolicyFingerprint.of(bundle.policy)
        #expect(PolicyFingerprint.of(bundle.published(at: "http://127.0.0.1:18080").policy) == read)
        #expect(PolicyFingerprint.of(bundle.published(at: "https://status.example.com").policy) == read)
    }

    @Test("Another cadence is another fingerprint")
    func anotherCadenceIsAnotherFingerprint() throws {
        let policy = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy
        var changed = policy
        var p1 = changed[.p1]
        p1.updateEvery = .minutes(20)
        changed.severities[.p1] = p1
        #expect(PolicyFingerprint.of(changed) != PolicyFingerprint.of(policy))
    }
}
