import Foundation
import KlaxonCore
import SQLKit

/// The incident store on any SQLKit database (SQLite now; PostgreSQL uses the same code).
public final class SQLIncidentStore: IncidentStore {
    private let database: any SQLDatabase
    private let gate = TransactionGate()
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
        let rows = try await database.select().column("id").from(StoreSchema.incidents)
            .where("tracked", .equal, SQLBind(1)).orderBy("id").all()
        var incidents: [Incident] = []
        for row in rows {
            let id = IncidentID(try row.decode(column: "id", as: Int.self))
            if let incident = try await incident(id) { incidents.append(incident) }
        }
        return incidents
    }

    public func incident(_ id: IncidentID) async throws -> Incident? {
        let rows = try await database.select().column("event").from(StoreSchema.events)
            .where("incident_id", .equal, SQLBind(id.rawValue)).orderBy("seq").all()
        let events = try rows.map { row in try StoreCoding.decode(IncidentEvent.self, try row.decode(column: "event", as: String.self)) }
        return Incident(id: id, events: events)
    }

    public func commit(_ commit: Commit) async throws {
        try await gate.run {
            try await transaction { db in try await Self.write(commit, on: db) }
        }
    }

    public func reply(forRequest key: String) async throws -> StoredReply? {
        let row = try await database.select().column("reply").from(StoreSchema.requests)
            .where("key", .equal, SQLBind(key)).first()
        return try row.map { StoredReply(key: key, body: try $0.decode(column: "reply", as: String.self)) }
    }

    public func pendingOutbox(limit: Int) async throws -> [OutboxMessage] {
        let rows = try await database.select()
            .columns("id", "key", "notice", "transport", "lane", "attempts", "next_attempt_at", "in_flight")
            .from(StoreSchema.outbox)
            .where(SQLIdentifier("sent_at"), .is, SQLLiteral.null)
            .where(SQLIdentifier("failed_at"), .is, SQLLiteral.null)
            .orderBy("id").limit(limit).all()
        return try rows.map { row in
            OutboxMessage(
                id: try row.decode(column: "id", as: Int.self),
                notice: try StoreCoding.decode(Notice.self, try row.decode(column: "notice", as: String.self)),
                transport: try row.decode(column: "transport", as: String.self),
                lane: try row.decode(column: "lane", as: String.self),
                key: try row.decode(column: "key", as: String.self),
                attempts: try row.decode(column: "attempts", as: Int.self),
                nextAttemptAt: Date(timeIntervalSince1970: try row.decode(column: "next_attempt_at", as: Double.self)),
                inFlight: try row.decode(column: "in_flight", as: Int.self) != 0
            )
        }
    }

    public func beginDelivery(_ id: Int) async throws {
        try await update(id) { $0.set("in_flight", to: SQLBind(1)).set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1")) }
    }

    public func markDelivered(_ id: Int, at time: Date, receipt: String?) async throws {
        try await update(id) {
            $0.set("sent_at", to: SQLBind(time.timeIntervalSince1970)).set("receipt", to: SQLBind(receipt)).set("in_flight", to: SQLBind(0))
        }
    }

    public func deferDelivery(_ id: Int, until time: Date, error: String) async throws {
        try await update(id) {
            $0.set("next_attempt_at", to: SQLBind(time.timeIntervalSince1970)).set("last_error", to: SQLBind(error)).set("in_flight", to: SQLBind(0))
        }
    }

    public func markFailed(_ id: Int, at time: Date, error: String) async throws {
        try await update(id) {
            $0.set("failed_at", to: SQLBind(time.timeIntervalSince1970)).set("last_error", to: SQLBind(error)).set("in_flight", to: SQLBind(0))
        }
    }

    public func thread(of incident: IncidentID, on transport: String) async throws -> String? {
        let row = try await database.select().column("ref").from(StoreSchema.threads)
            .where("incident_id", .equal, SQLBind(incident.rawValue)).where("transport", .equal, SQLBind(transport)).first()
        return try row?.decode(column: "ref", as: String.self)
    }

    public func setThread(of incident: IncidentID, on transport: String, to ref: String) async throws {
        try await gate.run {
            guard try await thread(of: incident, on: transport) == nil else { return }
            try await database.insert(into: StoreSchema.threads).columns("incident_id", "transport", "ref")
                .values(SQLBind(incident.rawValue), SQLBind(transport), SQLBind(ref)).run()
        }
    }

    private func update(_ id: Int, _ set: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws {
        try await gate.run {
            try await set(database.update(StoreSchema.outbox)).where("id", .equal, SQLBind(id)).run()
        }
    }

    private func transaction(_ body: (any SQLDatabase) async throws -> Void) async throws {
        try await database.raw(SQLQueryString(beginStatement)).run()
        do {
            try await body(database)
            try await database.raw("COMMIT").run()
        } catch {
            try? await database.raw("ROLLBACK").run()
            throw error
        }
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
                .columns("key", "incident_id", "seq", "notice", "transport", "lane", "created_at", "attempts", "next_attempt_at", "in_flight")
                .values(
                    SQLBind(entry.key), SQLBind(entry.notice.incident.rawValue), SQLBind(entry.notice.sequence),
                    SQLBind(try StoreCoding.encode(entry.notice)), SQLBind(entry.transport), SQLBind(entry.lane),
                    SQLBind(created), SQLBind(0), SQLBind(created), SQLBind(0)
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
