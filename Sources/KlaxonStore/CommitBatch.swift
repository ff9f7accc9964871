import Foundation
import KlaxonCore
import SQLKit

/// The rows of one group commit, gathered so the batch costs a handful of statements instead of four or five per
/// commit: one read of the batch's request keys, one INSERT per table, and one compare-and-set UPDATE per incident
/// however many of the batch's commits it has (32 notes on one incident move its version once). Parsing each
/// statement was a tenth of a command's cost, and each statement a round trip to SQLite's thread.
///
/// Deciding a commit's outcome here only assumes the batch gets written: `flush` runs every check the statements
/// make (a version moved by another process, a key or incident number taken) and throws if one fails, and the
/// caller then rolls the whole batch back and writes each commit on its own.
struct CommitBatch {
    /// Replies stored before this batch, for the batch's request keys.
    private var storedReplies: [String: String] = [:]
    /// Replies of this batch's own requests (a retry of a request earlier in the same batch).
    private var pendingReplies: [String: String] = [:]
    /// The next new incident's number, once read.
    private var nextID: Int?
    private var newIncidents: [[(any Encodable & Sendable)?]] = []
    /// Per incident moved on in this batch, in order: the version it was read at, the version it moves to, its index.
    private var advances: [IncidentID: Advance] = [:]
    private var advanced: [IncidentID] = []
    private var requests: [[(any Encodable & Sendable)?]] = []
    private var publicViews: [(IncidentID, PublicViewChange, Date?)] = []
    private var events: [[(any Encodable & Sendable)?]] = []
    private var outbox: [[(any Encodable & Sendable)?]] = []
    /// Every notice and event this batch writes, for `WrittenRows` once the batch is committed.
    private(set) var written: (notices: [(key: String, value: Notice)], events: [(key: EventKey, value: IncidentEvent)]) = ([], [])

    private struct Advance {
        let from: Int
        var to: Int
        var index: IncidentIndex
    }

    /// Rows per INSERT: within SQLite's and PostgreSQL's limits on bound values (32,766 and 65,535).
    static let rowsPerInsert = 500

    /// Reads the replies already stored for the batch's requests, in one statement per few hundred keys.
    mutating func readReplies(for commits: [Commit], on db: any SQLDatabase) async throws {
        let keys = Array(Set(commits.compactMap(\.requestKey)))
        for start in stride(from: 0, to: keys.count, by: Self.rowsPerInsert) {
            var select = SQLQueryString(#"SELECT "key", reply FROM \#(unsafeRaw: StoreSchema.requests) WHERE "key" IN ("#)
            select.appendList(keys[start..<min(start + Self.rowsPerInsert, keys.count)])
            select.appendLiteral(")")
            for row in try await db.raw(select).all() {
                storedReplies[try row.decode(column: "key", as: String.self)] = try row.decode(column: "reply", as: String.self)
            }
        }
    }

    /// Adds a commit's rows and says what it comes to if the batch is written.
    mutating func add(_ commit: Commit, on db: any SQLDatabase) async throws -> Result<CommitResult, any Error> {
        // A retried request is answered as the first time, and records nothing (so it burns no incident number).
        if let key = commit.requestKey, let reply = storedReplies[key] ?? pendingReplies[key] {
            return .success(.duplicate(StoredReply(key: key, body: reply)))
        }
        let id: IncidentID
        switch commit.target {
        case .new:
            id = IncidentID(try await nextIncidentID(on: db))
            nextID = id.rawValue + 1
            let index = commit.index
            newIncidents.append([
                id.rawValue, index.isOpen || index.awaitsReview ? 1 : 0, index.channel.description, commit.events.count,
                index.isOpen ? 1 : 0, index.awaitsReview ? 1 : 0, index.nextDueAt?.timeIntervalSince1970, 0, index.severity?.rawValue,
            ])
        case .existing(let existing, let version):
            id = existing
            if var advance = advances[id] {
                // Decided on a state this batch does not reach: the version check would refuse it.
                guard advance.to == version else { return .failure(StoreError.conflict(id)) }
                advance.to += commit.events.count
                advance.index = commit.index
                advances[id] = advance
            } else {
                advances[id] = Advance(from: version, to: version + commit.events.count, index: commit.index)
                advanced.append(id)
            }
        }
        let effects = commit.effects(id)
        if let key = commit.requestKey, let reply = effects.reply {
            pendingReplies[key] = reply
            requests.append([key, id.rawValue, reply, commit.events.last?.at.timeIntervalSince1970])
        }
        if commit.index.publicView != .unchanged { publicViews.append((id, commit.index.publicView, commit.events.last?.at)) }
        let first = commit.version + 1
        for (offset, event) in commit.events.enumerated() {
            // Only the events of commits that send messages: the outbox worker reads those back, and no others.
            if !effects.outbox.isEmpty { written.events.append((EventKey(incident: id.rawValue, sequence: first + offset), event)) }
            events.append([
                id.rawValue, first + offset, event.at.timeIntervalSince1970, event.change.name, try StoreCoding.encode(event),
                StoreCoding.eventPayloadVersion,
            ])
        }
        let created = commit.events.last?.at.timeIntervalSince1970 ?? 0
        for entry in effects.outbox {
            written.notices.append((entry.key, entry.notice))
            outbox.append([
                entry.key, id.rawValue, entry.notice.sequence, StoreCoding.encode(entry.notice), entry.transport.rawValue, entry.lane.rawValue,
                created, 0, created, 0, 0.0,
            ])
        }
        return .success(.recorded(id, reply: effects.reply))
    }

    /// The next number after the highest stored, read once per batch: a failed or conflicting declaration leaves no
    /// gap (a sequence would, on PostgreSQL), and two replicas taking the same number conflict on the primary key,
    /// so one of them tries again.
    private func nextIncidentID(on db: any SQLDatabase) async throws -> Int {
        if let nextID { return nextID }
        let row = try await db.raw("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM \(unsafeRaw: StoreSchema.incidents)").first()
        guard let next = try row?.decode(column: "next", as: Int.self) else { throw StoreError.corrupt("no next incident id") }
        return next
    }

    /// Writes everything gathered; throws `StoreError.conflict` when another process moved an incident first.
    mutating func flush(on db: any SQLDatabase) async throws {
        try await Self.insert(newIncidents, into: StoreSchema.incidents, columns: Self.incidentColumns, on: db)
        for id in advanced {
            guard let advance = advances[id] else { continue }
            // Compare-and-set: moved on only from the version every command here was decided on. The index columns
            // come back, and are written only if they change (see `IndexColumns`).
            let update: SQLQueryString = """
                UPDATE \(unsafeRaw: StoreSchema.incidents) SET version = \(bind: advance.to) \
                WHERE id = \(bind: id.rawValue) AND version = \(bind: advance.from) RETURNING \(unsafeRaw: IndexColumns.names)
                """
            guard let row = try await db.raw(update).first() else { throw StoreError.conflict(id) }
            let wanted = IndexColumns(advance.index)
            if try IndexColumns(row) != wanted { try await db.raw(wanted.update(id.rawValue)).run() }
        }
        try await Self.insert(requests, into: StoreSchema.requests, columns: SQLIncidentStore.requestColumns, on: db)
        for (id, change, time) in publicViews { try await SQLIncidentStore.writePublicView(change, of: id, at: time, on: db) }
        try await Self.insert(events, into: StoreSchema.events, columns: "incident_id, seq, at, type, event, payload_version", on: db)
        let outboxColumns = #""key", incident_id, seq, notice, transport, lane, created_at, attempts, next_attempt_at, in_flight, claimed_until"#
        try await Self.insert(outbox, into: StoreSchema.outbox, columns: outboxColumns, on: db)
        (newIncidents, advances, advanced, requests, publicViews, events, outbox) = ([], [:], [], [], [], [], [])
    }

    static let incidentColumns = "id, tracked, channel, version, is_open, awaits_review, next_due_at, needs_reindex, severity"

    private static func insert(_ rows: [[(any Encodable & Sendable)?]], into table: String, columns: String, on db: any SQLDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: rowsPerInsert) {
            let chunk = Array(rows[start..<min(start + rowsPerInsert, rows.count)])
            try await db.raw(SQLIncidentStore.insert(into: table, columns: columns, rows: chunk)).run()
        }
    }
}
