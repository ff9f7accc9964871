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
            let (outcomes, written) = try await exclusive {
                try await transaction { db in
                    var batch = CommitBatch()
                    try await batch.readReplies(for: writes.compactMap(\.commit), on: db)
                    var outcomes: [Result<StoreWriteOutput, any Error>] = []
                    var recordedHere: Set<ObjectIdentifier> = []
                    for write in writes {
                        switch write {
                        case .statement(let body):
                            // A statement may read what the commits before it wrote.
                            try await batch.flush(on: db)
                            outcomes.append(.success(.value(try await body(db))))
                        case .commit(let commit):
                            // Decided on a commit that recorded nothing: its version may since be another writer's.
                            if let follows = commit.follows, !recordedHere.contains(ObjectIdentifier(follows)), follows.recorded != true {
                                outcomes.append(.failure(StoreError.conflict(commit.incident)))
                                continue
                            }
                            let result = try await batch.add(commit, on: db)
                            if case .success(.recorded) = result { recordedHere.insert(ObjectIdentifier(commit.link)) }
                            outcomes.append(result.map { .commit($0) })
                        }
                    }
                    try await batch.flush(on: db)
                    return (outcomes, batch.written)
                }
            }
            writtenNotices.remember(written.notices)
            writtenEvents.remember(written.events)
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

    static let requestColumns = #""key", incident_id, reply, handled_at"#

    /// An INSERT of rows written as SQL text with bound values: SQLKit's builder quotes every identifier again on
    /// every call, which showed in the write path's profile. Tables and columns here are our own constants.
    static func insert(into table: String, columns: String, rows: [[(any Encodable & Sendable)?]]) -> SQLQueryString {
        var sql = SQLQueryString("INSERT INTO \(table) (\(columns)) VALUES ")
        for (index, row) in rows.enumerated() {
            sql.appendLiteral(index == 0 ? "(" : ", (")
            for (column, value) in row.enumerated() {
                if column > 0 { sql.appendLiteral(", ") }
                sql.appendInterpolation(nullable: value)
            }
            sql.appendLiteral(")")
        }
        return sql
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
