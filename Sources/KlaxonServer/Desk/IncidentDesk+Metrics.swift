import KlaxonCore
import KlaxonStore

extension IncidentDesk {
    /// Waits for a commit, timing it for `klaxon_store_commit_duration_seconds` (a duration, so not the wall clock).
    func timedCommit(_ wait: () async throws -> CommitResult) async throws -> CommitResult {
        let start = ContinuousClock.now
        let result = try await wait()
        metrics.commit(duration: ContinuousClock.now - start)
        return result
    }

    /// What the gauges show now, from the store (shared by every replica): open incidents by severity and the outbox.
    public func metricsSnapshot() async throws -> MetricsSnapshot {
        // From the index: a scrape must not read every open incident's events. Only a store written by an older
        // Klaxon, before its reindex, lacks a severity.
        var open: [Severity: Int] = [:]
        if let counts = try await store.openIncidentCounts() {
            open = counts
        } else {
            for incident in try await openIncidents() { open[incident.severity, default: 0] += 1 }
        }
        let now = clock.now
        var outbox: [TransportName: MetricsSnapshot.Backlog] = [:]
        for backlog in try await store.outboxBacklog() {
            outbox[backlog.transport] = .init(pending: backlog.pending, oldestAge: max(0, now.timeIntervalSince(backlog.oldestCreatedAt)))
        }
        // A transport with nothing waiting still shows 0, so an alert can tell "empty" from "not scraped".
        for transport in router.transportNames where outbox[transport] == nil { outbox[transport] = .init(pending: 0, oldestAge: 0) }
        return MetricsSnapshot(openIncidents: open, outbox: outbox)
    }
}

extension IncidentTimer {
    /// The `kind` label of `klaxon_timers_fired_total`: which playbook clock fired, never which incident.
    var metricKind: String {
        switch self {
        case .updateDue: "update_due"
        case .commanderMissing: "commander_missing"
        case .checklistOverdue: "checklist_overdue"
        case .escalation: "escalation"
        case .recoveryTargetMissed: "recovery_target_missed"
        case .etaPassed: "eta_passed"
        case .reviewReminder: "review_reminder"
        case .reviewOverdue: "review_overdue"
        }
    }
}
