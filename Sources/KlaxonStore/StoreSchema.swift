import SQLKit

/// The tables, written with SQLKit's builders so each engine gets its own column types.
enum StoreSchema {
    static let incidents = "incidents"
    static let events = "incident_events"
    static let outbox = "outbox"
    static let requests = "handled_requests"

    static func create(on db: any SQLDatabase) async throws {
        try await db.create(table: incidents).ifNotExists()
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("tracked", type: .int, .notNull)
            .column("channel", type: .text, .notNull)
            .run()
        try await db.create(table: events).ifNotExists()
            .column("incident_id", type: .bigint, .notNull)
            .column("seq", type: .int, .notNull)
            .column("at", type: .real, .notNull)
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
            .column("created_at", type: .real, .notNull)
            .column("attempts", type: .int, .notNull)
            .column("sent_at", type: .real)
            .run()
        try await db.create(table: requests).ifNotExists()
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("incident_id", type: .bigint, .notNull)
            .column("reply", type: .text, .notNull)
            .run()
    }
}
