import Foundation
import SQLKit

/// Numbered schema changes, recorded in the database and applied at start-up in one transaction.
/// Never edit a shipped migration: add the next one.
enum StoreMigrations {
    struct Migration: Sendable {
        let version: Int
        let summary: String
        let apply: @Sendable (any SQLDatabase) async throws -> Void
    }

    static let all: [Migration] = [
        Migration(version: 1, summary: "incidents, events, outbox, threads, handled requests") { db in
            try await StoreSchema.create(on: db)
        },
        Migration(version: 2, summary: "incident versions and due times; event payload versions; outbox owners; settings") { db in
            try await addColumn(StoreSchema.incidents, "version", .int, default: 0, on: db)
            try await addColumn(StoreSchema.incidents, "is_open", .int, default: 1, on: db)
            try await addColumn(StoreSchema.incidents, "awaits_review", .int, default: 0, on: db)
            try await addColumn(StoreSchema.incidents, "next_due_at", StoreSchema.time, default: nil, on: db)
            // The due time and flags depend on the policy, which the store does not know: Klaxon fills them in at start-up.
            try await addColumn(StoreSchema.incidents, "needs_reindex", .int, default: 1, on: db)
            try await addColumn(StoreSchema.incidents, "quarantine", .text, default: nil, on: db)
            try await db.raw("""
                UPDATE incidents SET version = (SELECT COUNT(*) FROM incident_events e WHERE e.incident_id = incidents.id)
                """).run()
            // Resolution is final, so whether an incident is open is known from its events alone.
            try await db.raw("""
                UPDATE incidents SET is_open = CASE WHEN EXISTS (
                    SELECT 1 FROM incident_events e WHERE e.incident_id = incidents.id AND e.type = 'resolved'
                ) THEN 0 ELSE 1 END
                """).run()
            // Numbers taken before a declaration was stored (the old way) have no events: nothing to watch.
            try await db.raw("UPDATE incidents SET is_open = 0, needs_reindex = 0 WHERE version = 0").run()
            try await db.raw("CREATE INDEX IF NOT EXISTS incidents_due ON incidents (next_due_at) WHERE next_due_at IS NOT NULL").run()
            try await db.raw("CREATE INDEX IF NOT EXISTS incidents_open ON incidents (is_open, channel)").run()
            try await db.raw("CREATE INDEX IF NOT EXISTS incidents_reindex ON incidents (needs_reindex) WHERE needs_reindex = 1").run()
            try await addColumn(StoreSchema.events, "payload_version", .int, default: 1, on: db)
            try await addColumn(StoreSchema.outbox, "owner", .text, default: nil, on: db)
            try await db.create(table: StoreSchema.settings).ifNotExists()
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("value", type: .text, .notNull)
                .run()
        },
        Migration(version: 3, summary: "the public status page's view of public incidents") { db in
            try await db.create(table: StoreSchema.publicIncidents).ifNotExists()
                .column("incident_id", type: .bigint, .primaryKey(autoIncrement: false))
                .column("is_open", type: .int, .notNull)
                .column("resolved_at", type: StoreSchema.time)
                .column("view", type: .text, .notNull)
                .run()
            try await db.raw("CREATE INDEX IF NOT EXISTS public_incidents_resolved ON public_incidents (is_open, resolved_at)").run()
            try await db.create(table: StoreSchema.publicViewVersion).ifNotExists()
                .column("id", type: .int, .primaryKey(autoIncrement: false))
                .column("version", type: .bigint, .notNull)
                .run()
            try await db.insert(into: StoreSchema.publicViewVersion).columns("id", "version").values(SQLBind(1), SQLBind(0)).run()
            // Incidents made public before this version get their row when reindexed (the index is derived from events).
            try await db.raw("UPDATE incidents SET needs_reindex = 1 WHERE tracked = 1 AND quarantine IS NULL").run()
        },
        Migration(version: 4, summary: "alert proposals: incidents an alert group proposes until someone accepts them") { db in
            try await db.create(table: StoreSchema.proposals).ifNotExists()
                .column("id", type: .bigint, .primaryKey(autoIncrement: false))
                .column("home", type: .text, .notNull)
                .column("state", type: .text, .notNull)
                .column("incident_id", type: .bigint)
                .column("declaration", type: .text, .notNull)
                .column("version", type: .int, .notNull)
                .column("created_at", type: StoreSchema.time, .notNull)
                .column("updated_at", type: StoreSchema.time, .notNull)
                .run()
            // One open proposal per alert group, whichever replica proposes first.
            try await db.raw("CREATE UNIQUE INDEX IF NOT EXISTS alert_proposals_open ON alert_proposals (home) WHERE state = 'open'").run()
        },
        Migration(version: 5, summary: "handled requests carry when they were answered, so old ones can be pruned") { db in
            try await addColumn(StoreSchema.requests, "handled_at", StoreSchema.time, default: nil, on: db)
            try await db.raw("CREATE INDEX IF NOT EXISTS handled_requests_handled_at ON handled_requests (handled_at)").run()
        },
        Migration(version: 6, summary: "incidents carry their severity, so open incidents are counted without reading their events") { db in
            try await addColumn(StoreSchema.incidents, "severity", .text, default: nil, on: db)
            // Filled in by the reindex at start-up.
            try await db.raw("UPDATE incidents SET needs_reindex = 1 WHERE tracked = 1 AND quarantine IS NULL").run()
        },
        Migration(version: 7, summary: "a closed review no longer awaits being scheduled: those incidents are indexed again") { db in
            // The rule changed in code, not in the schema: the start-up reindex clears `awaits_review` (and `tracked`)
            // where the review is closed, so they are no longer reminded nor found for `review schedule`.
            try await db.raw("UPDATE incidents SET needs_reindex = 1 WHERE awaits_review = 1 AND quarantine IS NULL").run()
        },
        Migration(version: 8, summary: "a scheduled review still awaits being held: resolved incidents are indexed again") { db in
            // The rule changed in code again: `awaits_review` now holds until the review is closed, so `review done`,
            // `cause` or `report` find the incident without an id once its review is scheduled. Which resolved rows
            // have a scheduled review only their events say, so every resolved one is indexed again, once.
            try await db.raw("UPDATE incidents SET needs_reindex = 1 WHERE is_open = 0 AND awaits_review = 0 AND quarantine IS NULL").run()
        },
        Migration(version: 9, summary: "events may record a withdrawal, which older Klaxons cannot read") { _ in
            // Nothing to change: the number alone makes an older Klaxon (a rollback, a replica not yet upgraded) refuse
            // this database at start-up, rather than quarantine every withdrawn incident for all replicas.
        },
        Migration(version: 10, summary: "events may record a passed ETA, and messages a tick taken back, which older Klaxons cannot read") { db in
            // The number makes an older Klaxon refuse the database rather than quarantine such incidents or stall its
            // outbox on a message it cannot read. Open incidents are indexed again: a passed ETA is now on their
            // clock, and a severity's escalations count the time already spent at it.
            try await db.raw("UPDATE incidents SET needs_reindex = 1 WHERE is_open = 1 AND quarantine IS NULL").run()
        },
    ]

    /// Indexes that only speed reads up, made when missing at every start-up rather than as a numbered migration: an
    /// older Klaxon (a rollback, a replica not yet upgraded) runs on the database with them, where a new schema
    /// number would make it refuse the database.
    static let readIndexes = [
        // An incident found by its platform thread, where its responders type commands.
        "CREATE INDEX IF NOT EXISTS incident_threads_ref ON incident_threads (transport, ref)",
    ]

    /// The newest schema this Klaxon knows.
    static var latest: Int { all.map(\.version).max() ?? 0 }

    /// Applies what is missing, in one transaction; refuses a schema newer than this Klaxon.
    /// - Returns: the versions applied.
    @discardableResult
    static func apply(on db: any SQLDatabase, begin: String, lock: String?) async throws -> [Int] {
        try await db.withSession { session in
            try await session.raw(SQLQueryString(begin)).run()
            do {
                if let lock { try await session.raw(SQLQueryString(lock)).run() }
                let applied = try await applyMissing(on: session)
                for index in readIndexes { try await session.raw(SQLQueryString(index)).run() }
                try await session.raw("COMMIT").run()
                return applied
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// The schema version the database is at (0 when new, or at the first shipped schema before versions were recorded).
    static func current(on db: any SQLDatabase) async throws -> Int {
        let row = try await db.select().column(SQLFunction("MAX", args: SQLIdentifier("version")), as: "v").from(StoreSchema.migrations).first()
        return try row?.decode(column: "v", as: Int?.self) ?? 0
    }

    private static func applyMissing(on db: any SQLDatabase) async throws -> [Int] {
        try await db.create(table: StoreSchema.migrations).ifNotExists()
            .column("version", type: .int, .primaryKey(autoIncrement: false))
            .column("applied_at", type: StoreSchema.time, .notNull)
            .run()
        let current = try await current(on: db)
        guard current <= latest else { throw StoreError.schemaTooNew(found: current, known: latest) }
        var applied: [Int] = []
        for migration in all where migration.version > current {
            try await migration.apply(db)
            try await db.insert(into: StoreSchema.migrations).columns("version", "applied_at")
                .values(SQLBind(migration.version), SQLBind(Date().timeIntervalSince1970)).run()
            applied.append(migration.version)
        }
        return applied
    }

    private static func addColumn(_ table: String, _ name: String, _ type: SQLDataType, default value: Int?, on db: any SQLDatabase) async throws {
        var constraints: [SQLColumnConstraintAlgorithm] = []
        if let value { constraints = [.notNull, .default(value)] }
        try await db.alter(table: table).column(name, type: type, constraints).run()
    }
}
