import Foundation
import Hummingbird
import HummingbirdTesting
import KlaxonCore
import KlaxonPolicy
import KlaxonServer
import KlaxonStore
import Logging
import Testing

/// P2 and P3 alert groups are proposed in the incidents channel (the default policy's `mode`), and declared by
/// `/incident accept <alert-id>`.
@Suite struct AlertProposalRouteTests {
    @Test func aWarningGroupIsProposedOnceAndItsReSendsRecordNothing() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        let store = handle.store
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            let steps: [(String, AlertAnswer)] = [
                ("alertmanager-firing", AlertAnswer(result: "proposed", proposal: "a1")),
                ("alertmanager-firing", AlertAnswer(result: "unchanged", proposal: "a1")),
                ("alertmanager-new-alert", AlertAnswer(result: "proposal_updated", proposal: "a1")),
                ("alertmanager-new-alert", AlertAnswer(result: "unchanged", proposal: "a1")),
            ]
            for (fixture, expected) in steps {
                let answer = try await client.alert(try AlertFixtures.warning(fixture))
                #expect(answer == expected, "\(fixture)")
            }
        }
        #expect(try await store.heads(IncidentQuery(.any)).isEmpty, "a proposal declares nothing")
        #expect(try await AlertFixtures.outboxKinds(store) == [.alertProposed], "one message for the proposal, none per re-send or revision")
        let proposal = try #require(try await store.proposal(AlertProposalID(1)))
        #expect(proposal.state == .open)
        #expect(proposal.declaration.severity == .p2)
        #expect(proposal.declaration.alerts?.firing.count == 2, "the revision keeps the alert that joined")
        try await handle.close()
    }

    @Test func theProposalSaysWhatWouldBeDeclaredAndHowToAcceptIt() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            _ = try await client.alert(try AlertFixtures.warning("alertmanager-firing"))
        }
        let message = try #require(try await handle.store.pendingOutbox(limit: 10).first)
        let proposal = try #require(try await handle.store.proposal(AlertProposalID(1)))
        let draft = try #require(proposal.draft(at: TestHarness.start))
        let policy = try PolicyBundle.load(policyPath: nil, templatesDirectory: nil).policy
        let facts = MessageFacts(policy: policy, dialect: PlainTextDialect()).notice(message.notice, incident: draft, now: TestHarness.start)
        let text = try MessageRenderer(policy: policy, templates: .defaults, dialect: PlainTextDialect()).render(message.notice, facts)
        #expect(text.contains("[P2 PROPOSED] Upload error rate above 5%"))
        #expect(text.contains("alerts: http://alertmanager.example.com:9093"))
        #expect(text.contains("UploadErrors"))
        #expect(text.contains("/incident accept a1"))
        try await handle.close()
    }

    @Test func acceptingDeclaresTheIncidentTheGroupWouldHaveAndLaterNotificationsGoToIt() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        let store = handle.store
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            _ = try await client.alert(try AlertFixtures.warning("alertmanager-firing"))
            let reply = try await client.slash("accept a1", clock: harness.clock)
            #expect(reply.text.contains("Upload error rate above 5%"), "\(reply.text)")
            #expect(try await client.alert(try AlertFixtures.warning("alertmanager-firing")) == AlertAnswer(result: "unchanged", incident: 1))
            #expect(try await client.alert(try AlertFixtures.warning("alertmanager-new-alert")) == AlertAnswer(result: "updated", incident: 1))
            #expect(try await client.alert(try AlertFixtures.warning("alertmanager-resolved")) == AlertAnswer(result: "updated", incident: 1))
        }
        let incident = try #require(try await store.incident(IncidentID(1)))
        #expect(incident.severity == .p2)
        #expect(incident.title == "Upload error rate above 5%")
        #expect(incident.declaredBy?.id == "UANN", "the person accepting declares it")
        #expect(incident.alertOrigin?.key == (try await store.proposal(AlertProposalID(1)))?.declaration.alerts?.key)
        #expect(try await store.proposal(AlertProposalID(1))?.state == .accepted(IncidentID(1)))
        #expect(try await store.heads(IncidentQuery(.any)).count == 1)
        try await handle.close()
    }

    @Test func theGroupResolvingBeforeAnyoneAcceptsWithdrawsTheProposalWithOneMessage() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        let store = handle.store
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            _ = try await client.alert(try AlertFixtures.warning("alertmanager-new-alert"))
            #expect(try await client.alert(try AlertFixtures.warning("alertmanager-resolved")) == AlertAnswer(result: "withdrawn", proposal: "a1"))
            #expect(try await client.alert(try AlertFixtures.warning("alertmanager-resolved")) == AlertAnswer(result: "unchanged"))
            // Firing again after the withdrawal is a new proposal.
            #expect(try await client.alert(try AlertFixtures.warning("alertmanager-firing")) == AlertAnswer(result: "proposed", proposal: "a2"))
        }
        #expect(try await store.proposal(AlertProposalID(1))?.state == .withdrawn)
        #expect(try await AlertFixtures.outboxKinds(store) == [.alertProposed, .proposalWithdrawn, .alertProposed])
        #expect(try await store.heads(IncidentQuery(.any)).isEmpty)
        try await handle.close()
    }

    @Test func aCriticalAlertJoiningAProposedGroupDeclaresAtOnceAndTheProposalNamesTheIncident() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        let store = handle.store
        // The first alert at warning, the one joining it at critical (the group's common labels no longer agree).
        var payload = try AlertFixtures.payload("alertmanager-new-alert")
        payload = payload.replacingOccurrences(of: #""severity": "critical""#, with: #""severity": "warning""#, range: payload.range(of: #""severity": "critical""#))
        let joined = payload.replacingOccurrences(of: "\"severity\": \"critical\",\n    \"team\"", with: "\"team\"")
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            #expect(try await client.alert(try AlertFixtures.warning("alertmanager-firing")) == AlertAnswer(result: "proposed", proposal: "a1"))
            #expect(try await client.alert(joined) == AlertAnswer(result: "declared", incident: 1))
            #expect(try await client.alert(joined) == AlertAnswer(result: "unchanged", incident: 1))
            let reply = try await client.slash("accept a1", clock: harness.clock)
            #expect(reply.text.contains("#1"), "accept names the incident: \(reply.text)")
        }
        let incident = try #require(try await store.incident(IncidentID(1)))
        #expect(incident.severity == .p0)
        #expect(incident.firingAlerts.count == 2)
        #expect(try await store.proposal(AlertProposalID(1))?.state == .accepted(IncidentID(1)))
        #expect(try await store.heads(IncidentQuery(.any)).count == 1, "accept declared nothing more")
        #expect(try await AlertFixtures.outboxKinds(store).prefix(2) == [.alertProposed, .initialAlert])
        try await handle.close()
    }

    @Test func acceptIsRefusedHelpfullyForAnUnknownAnAcceptedOrAWithdrawnProposalAndRecordsNothing() async throws {
        let (harness, handle) = try await AlertFixtures.harness()
        let store = handle.store
        try await harness.application(apiTokens: AlertFixtures.tokens).test(.router) { client in
            _ = try await client.alert(try AlertFixtures.warning("alertmanager-firing"))
            let unknown = try await client.slash("accept a9", clock: harness.clock)
            #expect(unknown.response_type == "ephemeral")
            #expect(unknown.text == CommandRejection.unknownProposal(AlertProposalID(9)).message)
            let malformed = try await client.slash("accept 7", clock: harness.clock)
            #expect(malformed.response_type == "ephemeral")
            #expect(malformed.text.contains("isn't an alert id"))
            _ = try await client.slash("accept a1", clock: harness.clock)
            let again = try await client.slash("accept a1", clock: harness.clock, user: "UBOB")
            #expect(again.response_type == "ephemeral")
            #expect(again.text == CommandRejection.proposalAccepted(AlertProposalID(1), IncidentID(1)).message)
            _ = try await client.alert(try AlertFixtures.warning("alertmanager-firing").replacingOccurrences(of: "UploadErrors", with: "DiskFilling"))
            _ = try await client.alert(try AlertFixtures.warning("alertmanager-resolved").replacingOccurrences(of: "UploadErrors", with: "DiskFilling"))
            let withdrawn = try await client.slash("accept a2", clock: harness.clock)
            #expect(withdrawn.response_type == "ephemeral")
            #expect(withdrawn.text == CommandRejection.proposalWithdrawn(AlertProposalID(2)).message)
        }
        #expect(try await store.heads(IncidentQuery(.any)).count == 1)
        try await handle.close()
    }
}
