import Foundation
import KlaxonCore
import SQLKit

extension SQLIncidentStore {
    public func submit(_ commit: Commit) -> CommitTicket {
        let ticket = committer.submit(.commit(commit)) { batch in await self.writeBatch(batch) }
        return CommitTicket(link: commit.link) {
            guard case .commit(let result) = try await ticket.result() else { throw StoreError.corrupt("a commit came back as a statement") }
            return result
        }
    }

    /// Runs one bookkeeping statement in the next group commit and returns its value once it is durable.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let ticket = committer.submit(.statement({ try await body($0) })) { batch in await self.writeBatch(batch) }
        guard case .value(let value) = try await ticket.result(), let typed = value as? T else {
            throw StoreError.corrupt("a statement came back as a commit")
        }
        return typed
    }

    /// Writes a batch in one transaction (one sync to disk). Writes rarely fail, so the batch is written as one
    /// piece; if any commit in it fails (a conflict with another process, or a failed transaction), nothing of the
    /// batch was stored and nothing is acknowledged: each write is then tried again in a transaction of its own,
    /// which gives each its own outcome.
    func writeBatch(_ writes: [StoreWrite]) async -> [Result<StoreWriteOutput, any Error>] {
        do {
            let outcomes = try await exclusive {
                try await transaction { db in
                    var outcomes: [Result<StoreWriteOutput, any Error>] = []
                    var recordedHere: Set<ObjectIdentifier> = []
                    for write in writes {
                        switch write {
                        case .statement(let body):
                            outcomes.append(.success(.value(try await body(db))))
                        case .commit(let commit):
                            // Decided on a commit that recorded nothing: its version may since be another writer's.
                            if let follows = commit.follows, !recordedHere.contains(ObjectIdentifier(follows)), follows.recorded != true {
                                outcomes.append(.failure(StoreError.conflict(commit.incident)))
                                continue
                            }
                            let result = try await self.write(commit, on: db)
                            if case .recorded = result { recordedHere.insert(ObjectIdentifier(commit.link)) }
                            outcomes.append(.success(.commit(result)))
                        }
                    }
                    return outcomes
                }
            }
            for (write, outcome) in zip(writes, outcomes) {
                guard let commit = write.commit else { continue }
                if case .success(.commit(.recorded)) = outcome { commit.link.settle(recorded: true) } else { commit.link.settle(recorded: false) }
            }
            return outcomes
        } catch {
            guard writes.count > 1 else {
                guard let commit = writes[0].commit else { return [.failure(error)] }
                commit.link.settle(recorded: false)
                return [.failure(classify(error, commit))]
            }
            var outcomes: [Result<StoreWriteOutput, any Error>] = []
            var failed: Set<IncidentID> = []
            for write in writes {
                // A later commit on an incident was decided on the state an earlier one would have made: once that
                // one failed, so must this one, or its version check could pass on another writer's event.
                if let commit = write.commit, case .existing(let id, _) = commit.target, failed.contains(id) {
                    commit.link.settle(recorded: false)
                    outcomes.append(.failure(StoreError.conflict(id)))
                    continue
                }
                let outcome = await writeBatch([write])[0]
                if case .failure = outcome, let commit = write.commit, case .existing(let id, _) = commit.target { failed.insert(id) }
                outcomes.append(outcome)
            }
            return outcomes
        }
    }

    /// A unique key taken by another writer is a conflict: that writer got there first.
    private func classify(_ error: any Error, _ commit: Commit) -> any Error {
        if error is StoreError { return error }
        guard engine.isUniqueViolation(error) else { return error }
        return StoreError.conflict(commit.incident)
    }

    /// Runs `body` in one transaction on one session (a pooled PostgreSQL connection stays the same throughout).
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let begin = engine.beginStatement
        guard let limit = engine.transactionDeadline else { return try await session(begin, body) }
        return try await withinDeadline(limit) { try await self.session(begin, body) }
    }

    private func session<T: Sendable>(_ begin: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.withSession { session in
            try await session.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    private func write(_ commit: Commit, on db: any SQLDatabase) async throws -> CommitResult {
        let id: IncidentID
        let effects: CommitEffects
        switch commit.target {
        case .new:
            // A retried request is answered as the first time, and records nothing (so it burns no incident number).
            if let key = commit.requestKey, let stored = try await Self.reply(forRequest: key, on: db) { return .duplicate(stored) }
            id = try await advance(commit, on: db)
            effects = commit.effects(id)
            if let key = commit.requestKey, let reply = effects.reply {
                try await db.insert(into: StoreSchema.requests).columns("key", "incident_id", "reply")
                    .values(SQLBind(key), SQLBind(id.rawValue), SQLBind(reply)).run()
            }
        case .existing(let existing, _):
            id = existing
            effects = commit.effects(id)
            // The request's row first: if it is there already, this is a retry and nothing else is written.
            if let key = commit.requestKey, let reply = effects.reply {
                let taken = try await db.insert(into: StoreSchema.requests).columns("key", "incident_id", "reply")
                    .values(SQLBind(key), SQLBind(id.rawValue), SQLBind(reply)).ignoringConflicts().returning("key").first()
                if taken == nil, let stored = try await Self.reply(forRequest: key, on: db) { return .duplicate(stored) }
            }
            _ = try await advance(commit, on: db)
        }
        try await Self.writePublicView(commit.index.publicView, of: id, on: db)
        if !commit.events.isEmpty {
            let first = commit.version + 1
            let insert = db.insert(into: StoreSchema.events).columns("incident_id", "seq", "at", "type", "event", "payload_version")
            for (offset, event) in commit.events.enumerated() {
                insert.values(
                    SQLBind(id.rawValue), SQLBind(first + offset), SQLBind(event.at.timeIntervalSince1970),
                    SQLBind(event.change.name), SQLBind(try StoreCoding.encode(event)), SQLBind(StoreCoding.eventPayloadVersion)
                )
            }
            try await insert.run()
        }
        if !effects.outbox.isEmpty {
            let created = commit.events.last?.at.timeIntervalSince1970 ?? 0
            let insert = db.insert(into: StoreSchema.outbox).columns(
                "key", "incident_id", "seq", "notice", "transport", "lane", "created_at", "attempts", "next_attempt_at", "in_flight", "claimed_until"
            )
            for entry in effects.outbox {
                insert.values(
                    SQLBind(entry.key), SQLBind(id.rawValue), SQLBind(entry.notice.sequence),
                    SQLBind(try StoreCoding.encode(entry.notice)), SQLBind(entry.transport), SQLBind(entry.lane),
                    SQLBind(created), SQLBind(0), SQLBind(created), SQLBind(0), SQLBind(0.0)
                )
            }
            try await insert.run()
        }
        return .recorded(id, reply: effects.reply)
    }

    /// Creates the incident row, or moves it to its new version if nobody else did first (compare-and-set).
    private func advance(_ commit: Commit, on db: any SQLDatabase) async throws -> IncidentID {
        switch commit.target {
        case .new:
            let index = commit.index
            // The next number after the highest stored, in this transaction: a failed or conflicting declaration
            // leaves no gap (a sequence would, on PostgreSQL), and two replicas taking the same number conflict
            // on the primary key, so one of them tries again.
            let row = try await db.insert(into: StoreSchema.incidents)
                .columns("id", "tracked", "channel", "version", "is_open", "awaits_review", "next_due_at", "needs_reindex")
                .values(
                    SQLRaw("(SELECT COALESCE(MAX(id), 0) + 1 FROM incidents)"),
                    SQLBind(index.isOpen || index.awaitsReview ? 1 : 0), SQLBind(index.channel.description), SQLBind(commit.events.count),
                    SQLBind(index.isOpen ? 1 : 0), SQLBind(index.awaitsReview ? 1 : 0), SQLBind(index.nextDueAt?.timeIntervalSince1970), SQLBind(0)
                )
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int.self) else { throw StoreError.corrupt("no incident id returned") }
            return IncidentID(id)
        case .existing(let id, let version):
            let row = try await Self.setIndex(commit.index, on: db.update(StoreSchema.incidents))
                .set("version", to: SQLBind(version + commit.events.count))
                .where("id", .equal, SQLBind(id.rawValue)).where("version", .equal, SQLBind(version))
                .returning("id").first()
            guard row != nil else { throw StoreError.conflict(id) }
            return id
        }
    }
}

extension Commit {
    /// The incident it writes to (0 for a new one, which has no number yet).
    var incident: IncidentID {
        if case .existing(let id, _) = target { return id }
        return IncidentID(0)
    }

    /// The version the events were decided on (0 for a new incident).
    var version: Int {
        if case .existing(_, let version) = target { return version }
        return 0
    }
}
