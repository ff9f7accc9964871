import Foundation
import KlaxonCore
import SQLKit

/// The incident store on any SQLKit database (SQLite now; PostgreSQL uses the same code).
///
/// Every call goes through one gate: with a single SQLite connection, a read between another task's BEGIN and
/// COMMIT would otherwise see rows that may still roll back.
public final class SQLIncidentStore: IncidentStore {
    let database: any SQLDatabase
    let gate = TransactionGate()
    /// The statement that opens a write transaction; SQLite takes its write lock up front with IMMEDIATE.
    private let beginStatement: String

    init(database: any SQLDatabase, beginStatement: String) {
        self.database = database
        self.beginStatement = beginStatement
    }

    /// Creates the tables if they are missing.
    func migrate() async throws {
        try await StoreSchema.create(on: database)
    }

    public func nextIncidentID() async throws -> IncidentID {
        try await gate.run {
            let row = try await database.insert(into: StoreSchema.incidents)
                .columns("tracked", "channel")
                .values(SQLBind(0), SQLBind(""))
                .returning("id")
                .first()
            guard let id = try row?.decode(column: "id", as: Int.self) else { throw StoreError.corrupt("no incident id returned") }
            return IncidentID(id)
        }
    }

    public func trackedIncidents() async throws -> [Incident] {
        try await gate.run {
            let rows = try await database.select().column("id").from(StoreSchema.incidents)
                .where("tracked", .equal, SQLBind(1)).orderBy("id").all()
            var incidents: [Incident] = []
            for row in rows {
                let id = IncidentID(try row.decode(column: "id", as: Int.self))
                if let incident = try await Self.incident(id, on: database) { incidents.append(incident) }
            }
            return incidents
        }
    }

    public func incident(_ id: IncidentID) async throws -> Incident? {
        try await gate.run { try await Self.incident(id, on: database) }
    }

    static func incident(_ id: IncidentID, on database: any SQLDatabase) async throws -> Incident? {
        let rows = try await database.select().column("event").from(StoreSchema.events)
            .where("incident_id", .equal, SQLBind(id.rawValue)).orderBy("seq").all()
        let events = try rows.map { row in try StoreCoding.decode(IncidentEvent.self, try row.decode(column: "event", as: String.self)) }
        return Incident(id: id, events: events)
    }

    public func commit(_ commit: Commit) async throws {
        try await gate.run {
            do {
                try await transaction { db in try await Self.write(commit, on: db) }
            } catch let error as StoreError {
                throw error
            } catch where Self.isUniqueViolation(error) {
                // Another writer took this sequence number (or handled this request) first.
                throw StoreError.conflict(commit.incident)
            }
        }
    }

    public func reply(forRequest key: String) async throws -> StoredReply? {
        try await gate.run {
            let row = try await database.select().column("reply").from(StoreSchema.requests)
                .where("key", .equal, SQLBind(key)).first()
            return try row.map { StoredReply(key: key, body: try $0.decode(column: "reply", as: String.self)) }
        }
    }

    /// Runs `body` in one transaction on one session (a pooled PostgreSQL connection stays the same throughout).
    private func transaction(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let begin = beginStatement
        try await database.withSession { session in
            try await session.raw(SQLQueryString(begin)).run()
            do {
                try await body(session)
                try await session.raw("COMMIT").run()
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// SQLite's and PostgreSQL's ways of saying a unique key was already taken.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        let text = String(describing: error)
        return text.contains("UNIQUE constraint failed") || text.contains("constraintUniqueFailed")
            || text.contains("duplicate key value") || text.contains("23505")
    }

    private static func write(_ commit: Commit, on db: any SQLDatabase) async throws {
        let current = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(StoreSchema.events).where("incident_id", .equal, SQLBind(commit.incident.rawValue)).first()
        let version = try current?.decode(column: "n", as: Int.self) ?? 0
        guard version == commit.expectedVersion else { throw StoreError.conflict(commit.incident) }
        for (offset, event) in commit.events.enumerated() {
            try await db.insert(into: StoreSchema.events)
                .columns("incident_id", "seq", "at", "type", "event")
                .values(
                    SQLBind(commit.incident.rawValue), SQLBind(version + offset + 1), SQLBind(event.at.timeIntervalSince1970),
                    SQLBind(event.change.name), SQLBind(try StoreCoding.encode(event))
                )
                .run()
        }
        let created = commit.events.last?.at.timeIntervalSince1970 ?? 0
        for entry in commit.outbox {
            try await db.insert(into: StoreSchema.outbox)
                .columns("key", "incident_id", "seq", "notice", "transport", "lane", "created_at", "attempts", "next_attempt_at", "in_flight", "claimed_until")
                .values(
                    SQLBind(entry.key), SQLBind(entry.notice.incident.rawValue), SQLBind(entry.notice.sequence),
                    SQLBind(try StoreCoding.encode(entry.notice)), SQLBind(entry.transport), SQLBind(entry.lane),
                    SQLBind(created), SQLBind(0), SQLBind(created), SQLBind(0), SQLBind(0.0)
                )
                .run()
        }
        if let request = commit.request {
            try await db.insert(into: StoreSchema.requests)
                .columns("key", "incident_id", "reply")
                .values(SQLBind(request.key), SQLBind(commit.incident.rawValue), SQLBind(request.body))
                .run()
        }
        try await db.update(StoreSchema.incidents)
            .set("tracked", to: SQLBind(commit.isTracked ? 1 : 0))
            .set("channel", to: SQLBind(commit.channel.description))
            .where("id", .equal, SQLBind(commit.incident.rawValue))
            .run()
    }
}
