import SQLKit

/// The tables, written with SQLKit's builders so each engine gets its own column types.
/// `create` is migration 1, the schema as first shipped; later changes are migrations in `StoreMigrations`.
enum StoreSchema {
    static let incidents = "incidents"
    static let events = "incident_events"
    static let outbox = "outbox"
    static let requests = "handled_requests"
    static let threads = "incident_threads"
    static let settings = "klaxon_settings"
    static let proposals = "alert_proposals"
    static let migrations = "klaxon_migrations"
    static let publicIncidents = "public_incidents"
    /// One row: a number every change to the public view advances, so readers can tell their copy is current.
    static let publicViewVersion = "public_view_version"

    /// Unix seconds with sub-second precision: an 8-byte float on every engine (PostgreSQL's REAL has only 4).
    static let time = SQLDataType.custom(SQLRaw("DOUBLE PRECISION"))

    static func create(on db: any SQLDatabase) async throws {
        try await db.create(table: incidents).ifNotExists()
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("tracked", type: .int, .notNull)
            .column("channel", type: .text, .notNull)
            .run()
        try await db.create(table: events).ifNotExists()
            .column("incident_id", type: .bigint, .notNull)
            .column("seq", type: .int, .notNull)
            .column("at", type: StoreSchema.time, .notNull)
            .column("type", type: .text, .notNull)
            .column("event", type: .text, .notNull)
            // Two writers appending the same sequence number conflict here instead of both succeeding.
            .primaryKey("incident_id", "seq")
            .run()
        try await db.create(table: outbox).ifNotExists()
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("key", type: .text, .notNull, .unique)
            .column("incident_id", type: .bigint, .notNull)
            .column("seq", type: .int, .notNull)
            .column("notice", type: .text, .notNull)
            .column("created_at", type: StoreSchema.time, .notNull)
            .column("transport", type: .text, .notNull)
            .column("lane", type: .text, .notNull)
            .column("attempts", type: .int, .notNull)
            .column("next_attempt_at", type: StoreSchema.time, .notNull)
            // Set just before a send and cleared after: a row still in flight at start-up may have been delivered.
            .column("in_flight", type: .int, .notNull)
            // Until when the worker that set in_flight owns the row; after that another may take it over.
            .column("claimed_until", type: StoreSchema.time, .notNull)
            .column("sent_at", type: StoreSchema.time)
            .column("failed_at", type: StoreSchema.time)
            .column("receipt", type: .text)
            .column("last_error", type: .text)
            .run()
        // What the worker looks for: unsent messages, by lane, in order.
        try await db.raw("CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (lane, id) WHERE sent_at IS NULL AND failed_at IS NULL").run()
        try await db.create(table: threads).ifNotExists()
            .column("incident_id", type: .bigint, .notNull)
            .column("transport", type: .text, .notNull)
            .column("ref", type: .text, .notNull)
            .primaryKey("incident_id", "transport")
            .run()
        try await db.create(table: requests).ifNotExists()
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("incident_id", type: .bigint, .notNull)
            .column("reply", type: .text, .notNull)
            .run()
    }
}
