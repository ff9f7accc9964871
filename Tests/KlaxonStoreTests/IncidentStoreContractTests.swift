import Foundation
import KlaxonCore
import KlaxonStore
import Testing

/// What every engine's store must do: the same tests on SQLite (in memory and in a file) and on PostgreSQL.
@Suite struct IncidentStoreContractTests {
    typealias F = StoreFixtures

    @Test(arguments: StoreEngine.all) func committedEventsComeBackAsTheSameIncident(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        let events = [F.event(.commanderAssigned(F.ann), minutes: 2), F.event(.updatePosted(text: "Rolling back"), minutes: 5)]
        _ = try await store.commit(F.commit(id, after: 1, events))
        let loaded = try #require(try await store.incident(id))
        #expect(loaded.timeline == [F.declared()] + events)
        #expect(loaded.commander == F.ann)
        #expect(loaded.lastUpdateText == "Rolling back")
        #expect(try await store.head(id)?.version == 3)
        #expect(try await store.events(of: id, after: 1, through: 2) == [events[0]])
        #expect(try await store.trackedIncidents().map(\.id) == [id])
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func openIncidentsAreCountedBySeverityFromTheIndex(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        func declare(_ severity: Severity?) async throws -> IncidentID {
            let index = IncidentIndex(isOpen: true, awaitsReview: false, nextDueAt: nil, channel: F.channel, severity: severity)
            let declared = IncidentEvent(at: F.start, actor: F.ann, change: .declared(Declaration(severity: severity ?? .p1, title: "Queue stuck", channel: F.channel)))
            let commit = Commit(target: .new, events: [declared], requestKey: nil, index: index) { _ in CommitEffects(outbox: [], reply: nil) }
            guard case .recorded(let id, _) = try await store.commit(commit) else { throw StoreError.corrupt("not recorded") }
            return id
        }
        #expect(try await store.openIncidentCounts() == [:])
        _ = try await declare(.p0)
        let raised = try await declare(.p2)
        _ = try await declare(.p2)
        // A commit that changes the severity moves the incident to its new count.
        let change = IncidentEvent(at: F.start.addingTimeInterval(60), actor: F.ann, change: .severityChanged(from: .p2, to: .p0, reason: nil))
        let index = IncidentIndex(isOpen: true, awaitsReview: false, nextDueAt: nil, channel: F.channel, severity: .p0)
        let raise = Commit(target: .existing(raised, version: 1), events: [change], requestKey: nil, index: index) { _ in CommitEffects(outbox: [], reply: nil) }
        guard case .recorded = try await store.commit(raise) else { throw StoreError.corrupt("not recorded") }
        let resolved = try await declare(.p1)
        try await store.reindex(resolved, version: 1, IncidentIndex(isOpen: false, awaitsReview: true, nextDueAt: nil, channel: F.channel, severity: .p1))
        try await store.quarantine(try await declare(.p3), reason: "unreadable")
        #expect(try await store.openIncidentCounts() == [.p0: 2, .p2: 1])
        // One open incident whose severity is not indexed: no count rather than a wrong one.
        _ = try await declare(nil)
        #expect(try await store.openIncidentCounts() == nil)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func incidentNumbersComeFromCommittedDeclarationsAndAreNeverReused(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let first = try await F.declare(handle.store)
        let second = try await F.declare(handle.store)
        #expect(second.rawValue == first.rawValue + 1)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aRetriedDeclarationRecordsNothingAndBurnsNoNumber(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let first = try await F.declare(store, request: "slack:trigger-1")
        for _ in 0..<5 {
            let again = try await store.commit(F.declaration(request: "slack:trigger-1"))
            #expect(again == .duplicate(StoredReply(key: "slack:trigger-1", body: "declared \(first) for slack:trigger-1")))
        }
        #expect(try await F.declare(store) == IncidentID(first.rawValue + 1))
        #expect(try await store.pendingOutbox(limit: 10).count == 2)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aStaleVersionConflictsAndWritesNothing(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        _ = try await store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "first writer"), minutes: 1)]))
        await #expect(throws: StoreError.conflict(id)) {
            try await store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "second writer"), minutes: 1)], request: "late"))
        }
        let loaded = try #require(try await store.incident(id))
        #expect(loaded.timeline.count == 2)
        #expect(try await store.reply(forRequest: "late") == nil)
        #expect(try await store.pendingOutbox(limit: 10).count == 2)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func concurrentCommitsShareTransactionsAndAConflictUndoesOnlyItself(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let contested = try await F.declare(store)
        // 40 declarations and 10 notes all decided on version 1 of one incident, at once: the declarations and
        // exactly one note are stored; the other notes conflict without taking anything else down with them.
        let results = await withTaskGroup(of: Result<CommitResult, any Error>.self) { group in
            for index in 0..<40 {
                group.addTask { await F.outcome { try await store.commit(F.declaration(request: "declare-\(index)")) } }
            }
            for index in 0..<10 {
                group.addTask { await F.outcome { try await store.commit(F.commit(contested, after: 1, [F.event(.notePosted(text: "\(index)"), minutes: 1)], request: "note-\(index)")) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let recorded = results.filter { if case .success(.recorded) = $0 { true } else { false } }
        let conflicts = results.filter { if case .failure(StoreError.conflict(contested)) = $0 { true } else { false } }
        #expect(recorded.count == 41)
        #expect(conflicts.count == 9)
        #expect(try await store.heads(IncidentQuery(.open)).count == 41)
        #expect(try await store.head(contested)?.version == 2)
        #expect(try await store.pendingOutbox(limit: 100).count == 1 + 40 + 1)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func aRequestsReplyIsKeptWithItsCommit(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        _ = try await store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "x"), minutes: 1)], request: "slack:trigger-1"))
        #expect(try await store.reply(forRequest: "slack:trigger-1") == StoredReply(key: "slack:trigger-1", body: "reply to slack:trigger-1"))
        #expect(try await store.reply(forRequest: "slack:trigger-2") == nil)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func resolvedIncidentsLeaveTheOpenListButCanStillBeRead(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let id = try await F.declare(store)
        _ = try await store.commit(F.commit(id, after: 1, [F.event(.resolved(summary: "fixed", forcedReason: "late"), minutes: 30)], open: false))
        #expect(try await store.trackedIncidents().isEmpty)
        #expect(try await store.heads(IncidentQuery(.open)).isEmpty)
        #expect(try await store.heads(IncidentQuery(.any)).map(\.id) == [id])
        let loaded = try #require(try await store.incident(id))
        #expect(loaded.isOpen == false)
        #expect(loaded.resolution == "fixed")
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func theSchedulerAsksOnlyForWhatIsDue(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let soon = try await F.declare(store, due: F.start.addingTimeInterval(60))
        let later = try await F.declare(store, due: F.start.addingTimeInterval(600))
        _ = try await F.declare(store, due: nil)
        #expect(try await store.nextDueAt() == F.start.addingTimeInterval(60))
        #expect(try await store.due(until: F.start.addingTimeInterval(59), limit: 10).isEmpty)
        #expect(try await store.due(until: F.start.addingTimeInterval(600), limit: 10).map(\.id) == [soon, later])
        // A timer that could not be recorded is tried again later instead of at once.
        try await store.postpone(soon, until: F.start.addingTimeInterval(90))
        #expect(try await store.nextDueAt() == F.start.addingTimeInterval(90))
        // A quarantined incident fires nothing, however soon its timers.
        try await store.quarantine(soon, reason: "event 1 cannot be read")
        #expect(try await store.nextDueAt() == F.start.addingTimeInterval(600))
        #expect(try await store.due(until: F.start.addingTimeInterval(600), limit: 10).map(\.id) == [later])
        try await handle.close()
    }

    @Test(arguments: StoreEngine.shared) func everythingSurvivesClosingAndReopening(engine: StoreEngine) async throws {
        let database = engine.make()
        defer { database.remove() }
        let first = try await database.open()
        let id = try await F.declare(first.store)
        _ = try await first.store.commit(F.commit(id, after: 1, [F.event(.commanderAssigned(F.ann), minutes: 1)], request: "r1"))
        try await first.close()

        let second = try await database.open()
        #expect(try await second.store.trackedIncidents().map(\.timeline) == [[F.declared(), F.event(.commanderAssigned(F.ann), minutes: 1)]])
        #expect(try await second.store.reply(forRequest: "r1") != nil)
        #expect(try await second.store.pendingOutbox(limit: 10).count == 2)
        #expect(try await F.declare(second.store).rawValue > id.rawValue)
        try await second.close()
    }

    @Test(arguments: StoreEngine.shared) func twoReplicasCannotBothAppendTheSameSequence(engine: StoreEngine) async throws {
        let database = engine.make()
        defer { database.remove() }
        let a = try await database.open()
        let b = try await database.open()
        let id = try await F.declare(a.store)
        // Both replicas decided on version 1; only one may win.
        _ = try await a.store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "from a"), minutes: 1)]))
        await #expect(throws: StoreError.conflict(id)) {
            try await b.store.commit(F.commit(id, after: 1, [F.event(.notePosted(text: "from b"), minutes: 1)]))
        }
        let seen = try #require(try await b.store.incident(id))
        #expect(seen.timeline.map(\.change).last == .notePosted(text: "from a"))
        try await a.close()
        try await b.close()
    }

    @Test(arguments: StoreEngine.all) func onlyMessagesDeliveredBeforeTheCutOffArePruned(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        _ = try await F.declare(store, [F.declared(), F.event(.notePosted(text: "a"), minutes: 1), F.event(.notePosted(text: "b"), minutes: 2)])
        let rows = try await store.pendingOutbox(limit: 10)
        for row in rows.prefix(2) { #expect(try await store.claimDelivery(row.id, owner: "w", now: F.start.addingTimeInterval(3600), until: F.start.addingTimeInterval(3660))) }
        #expect(try await store.markDelivered(rows[0].id, owner: "w", at: F.start, receipt: "1"))
        #expect(try await store.markDelivered(rows[1].id, owner: "w", at: F.start.addingTimeInterval(3600), receipt: "2"))
        #expect(try await store.pruneDelivered(before: F.start.addingTimeInterval(60)) == 1)
        // The undelivered one stays, and so does the recent delivery (pruning again finds nothing older).
        #expect(try await store.pendingOutbox(limit: 10).map(\.id) == [rows[2].id])
        #expect(try await store.pruneDelivered(before: F.start.addingTimeInterval(60)) == 0)
        try await handle.close()
    }

    @Test(arguments: StoreEngine.all) func anIncidentIsFoundByItsThreadOnThatPlatformOnly(engine: StoreEngine) async throws {
        let (database, handle) = try await engine.open()
        defer { database.remove() }
        let store = handle.store
        let first = try await F.declare(store)
        let second = try await F.declare(store)
        try await store.setThread(of: first, on: .discord, to: "900000000000000011")
        try await store.setThread(of: second, on: .discord, to: "900000000000000012")
        try await store.setThread(of: second, on: .slack, to: "900000000000000011")
        #expect(try await store.incident(inThread: "900000000000000012", on: .discord) == second)
        #expect(try await store.incident(inThread: "900000000000000011", on: .discord) == first)
        #expect(try await store.incident(inThread: "900000000000000011", on: .slack) == second)
        #expect(try await store.incident(inThread: "900000000000000013", on: .discord) == nil)
        try await handle.close()
    }

    @Test func aHandleDroppedWithoutClosingStillClosesItsSQLiteFile() async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let dropped = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
            _ = try await F.declare(dropped.store)
        }
        // Had the connections not been closed, SQLiteNIO would have stopped the process; the file opens again.
        let again = try await SQLiteIncidentStore.open(directory: directory, logger: F.logger)
        #expect(try await F.declare(again.store) == IncidentID(2))
        try await again.close()
    }
}
