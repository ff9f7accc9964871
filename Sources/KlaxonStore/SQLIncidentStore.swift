import Foundation
import KlaxonCore
import SQLKit

/// The incident store on any SQLKit database: the embedded SQLite file, or PostgreSQL, with the same code.
///
/// On SQLite, writes go through one gate on the writer connection (SQLite has one writer; a read between another
/// task's BEGIN and COMMIT on the same connection would see rows that may still roll back). On PostgreSQL each
/// transaction has a pooled connection of its own. Reads use their own connection where the engine has one, so
/// they never wait behind a write.
public final class SQLIncidentStore: IncidentStore {
    let writer: any SQLDatabase
    let reader: any SQLDatabase
    /// Whether reads share the writer's connection (an in-memory SQLite database) and so must pass the gate.
    let readsShareWriter: Bool
    let gate = TransactionGate()
    let engine: SQLEngine
    let committer: GroupCommitter<StoreWrite, StoreWriteOutput>
    /// Notices and events just committed, handed to the outbox worker's reads without decoding them again.
    let writtenNotices = WrittenRows<String, Notice>()
    let writtenEvents = WrittenRows<EventKey, IncidentEvent>()

    /// `writeExecutor` runs the group commits' tasks (SQLite's `WriterThread`, the thread of the writer's statements).
    init(writer: any SQLDatabase, reader: (any SQLDatabase)?, engine: SQLEngine, writeExecutor: (any TaskExecutor)? = nil) {
        self.writer = writer
        self.reader = reader ?? writer
        self.readsShareWriter = reader == nil
        self.engine = engine
        self.committer = GroupCommitter(executor: writeExecutor)
    }

    /// Which database this store runs on ("SQLite", "PostgreSQL").
    public var engineName: String { engine.name }

    /// The embedded SQLite file serves one `klaxon serve`; replicas share a PostgreSQL database.
    public var isSharedByReplicas: Bool { !engine.serializesWrites }

    /// The newest schema this Klaxon knows.
    public static var latestSchema: Int { StoreMigrations.latest }

    /// The schema version the database is at.
    public func schemaVersion() async throws -> Int {
        try await read { try await StoreMigrations.current(on: $0) }
    }

    /// Brings the schema up to date; returns the versions applied. Replicas starting together migrate one at a time.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await exclusive { try await StoreMigrations.apply(on: writer, begin: engine.beginStatement, lock: engine.migrationLock) }
    }

    /// Runs a read on the reader connection (or through the gate when there is only one connection).
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if readsShareWriter { return try await gate.run { try await body(writer) } }
        return try await body(reader)
    }

    /// Runs `body` alone on the writer where the engine allows only one writer at a time.
    func exclusive<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard engine.serializesWrites else { return try await body() }
        return try await gate.run(body)
    }

    public func head(_ id: IncidentID) async throws -> IncidentHead? {
        try await read { db in
            try await Self.selectHeads(db).where("id", .equal, SQLBind(id.rawValue)).first().map(Self.head)
        }
    }

    public func heads(_ query: IncidentQuery) async throws -> [IncidentHead] {
        try await read { db in
            var select = Self.selectHeads(db).where(SQLIdentifier("quarantine"), .is, SQLLiteral.null)
            switch query.state {
            case .open: select = select.where("is_open", .equal, SQLBind(1))
            case .awaitingReview: select = select.where("is_open", .equal, SQLBind(0)).where("awaits_review", .equal, SQLBind(1))
            case .resolved: select = select.where("is_open", .equal, SQLBind(0)).where("version", .greaterThan, SQLBind(0))
            case .any: break
            }
            if let channel = query.channel { select = select.where("channel", .equal, SQLBind(channel)) }
            if let severity = query.severity {
                select = select.where(SQLQueryString("(severity = \(bind: severity.rawValue) OR severity IS NULL)"))
            }
            if let before = query.before { select = select.where("id", .lessThan, SQLBind(before.rawValue)) }
            if let since = query.declaredSince {
                // The declaration is an incident's first event: one primary-key lookup per row, no index on times.
                select = select.where(SQLQueryString("""
                    EXISTS (SELECT 1 FROM \(unsafeRaw: StoreSchema.events) e WHERE e.incident_id = \(unsafeRaw: StoreSchema.incidents).id \
                    AND e.seq = 1 AND e.at >= \(bind: since.timeIntervalSince1970))
                    """))
            }
            guard let newest = query.newest else { return try await select.orderBy("id").all().map(Self.head) }
            return try await select.orderBy("id", .descending).limit(newest).all().map(Self.head).reversed()
        }
    }

    public func openIncidentCounts() async throws -> [Severity: Int]? {
        try await read { db in
            let rows = try await db.select().column("severity").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(StoreSchema.incidents)
                .where("is_open", .equal, SQLBind(1)).where(SQLIdentifier("quarantine"), .is, SQLLiteral.null)
                .groupBy("severity").all()
            var counts: [Severity: Int] = [:]
            for row in rows {
                guard let severity = try row.decodeNil(column: "severity") ? nil : Severity(rawValue: try row.decode(column: "severity", as: String.self)) else {
                    return nil
                }
                counts[severity] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    public func incident(_ id: IncidentID) async throws -> Incident? {
        try await read { db in Incident(id: id, events: try await Self.events(of: id, after: 0, through: Int.max, on: db)) }
    }

    public func openDeclarations(since: Date, limit: Int) async throws -> [(IncidentID, IncidentEvent)] {
        try await read { db in
            let select: SQLQueryString = """
                SELECT i.id AS id, e.event AS event, e.payload_version AS payload_version FROM \(unsafeRaw: StoreSchema.incidents) i \
                JOIN \(unsafeRaw: StoreSchema.events) e ON e.incident_id = i.id AND e.seq = 1 \
                WHERE i.is_open = 1 AND i.quarantine IS NULL AND e.at >= \(bind: since.timeIntervalSince1970) ORDER BY i.id DESC LIMIT \(bind: limit)
                """
            return try await db.raw(select).all().reversed().compactMap { row -> (IncidentID, IncidentEvent)? in
                guard try row.decode(column: "payload_version", as: Int.self) <= StoreCoding.eventPayloadVersion,
                      let event = try? StoreCoding.decode(IncidentEvent.self, try row.decode(column: "event", as: String.self)) else { return nil }
                return (IncidentID(try row.decode(column: "id", as: Int.self)), event)
            }
        }
    }

    public func events(of id: IncidentID, after version: Int, through last: Int) async throws -> [IncidentEvent] {
        // A few events just committed (the worker reading the event its message reports) come from memory.
        if last > version, last - version <= Self.rememberedRange,
           let remembered = writtenEvents.take(all: (version + 1...last).map { EventKey(incident: id.rawValue, sequence: $0) }) {
            return remembered
        }
        return try await read { db in try await Self.events(of: id, after: version, through: last, on: db) }
    }

    /// The most events a read takes from memory: the worker asks for the few after its view of an incident.
    static let rememberedRange = 16

    static func events(of id: IncidentID, after version: Int, through last: Int, on db: any SQLDatabase) async throws -> [IncidentEvent] {
        // SQL text, not the builder: the outbox reads events for every message it sends (see `insert(into:)`).
        let select: SQLQueryString = """
            SELECT event, payload_version FROM \(unsafeRaw: StoreSchema.events) \
            WHERE incident_id = \(bind: id.rawValue) AND seq > \(bind: version) AND seq <= \(bind: min(last, Int(Int32.max))) ORDER BY seq
            """
        let rows = try await db.raw(select).all()
        return try rows.map { row in
            let payloadVersion = try row.decode(column: "payload_version", as: Int.self)
            guard payloadVersion <= StoreCoding.eventPayloadVersion else {
                throw StoreError.corrupt("event of incident \(id) has payload version \(payloadVersion); this Klaxon reads up to \(StoreCoding.eventPayloadVersion)")
            }
            return try StoreCoding.decode(IncidentEvent.self, try row.decode(column: "event", as: String.self))
        }
    }

    public func due(until time: Date, limit: Int) async throws -> [IncidentHead] {
        try await read { db in try await Self.dueQuery(db, until: time, limit: limit).all().map(Self.head) }
    }

    public func nextDueAt() async throws -> Date? {
        try await read { db in
            try await Self.nextDueQuery(db).first().map { Date(timeIntervalSince1970: try $0.decode(column: "next_due_at", as: Double.self)) }
        }
    }

    /// The incidents due by `time`, soonest first, read from the due index.
    static func dueQuery(_ db: any SQLDatabase, until time: Date, limit: Int) -> SQLSelectBuilder {
        selectHeads(db)
            .where("next_due_at", .lessThanOrEqual, SQLBind(time.timeIntervalSince1970))
            .where(SQLIdentifier("quarantine"), .is, SQLLiteral.null)
            .orderBy("next_due_at").limit(limit)
    }

    /// The earliest due time: the first entry of the due index. (`MIN(next_due_at)` with the quarantine filter made
    /// SQLite read every incident, on every wake of the scheduler.)
    static func nextDueQuery(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select().column("next_due_at").from(StoreSchema.incidents)
            .where(SQLIdentifier("next_due_at"), .isNot, SQLLiteral.null)
            .where(SQLIdentifier("quarantine"), .is, SQLLiteral.null)
            .orderBy("next_due_at").limit(1)
    }

    public func reindex(_ id: IncidentID, version: Int, _ index: IncidentIndex) async throws {
        try await write { db in
            try await Self.setIndex(index, on: db.update(StoreSchema.incidents))
                .set("needs_reindex", to: SQLBind(0))
                .where("id", .equal, SQLBind(id.rawValue)).where("version", .equal, SQLBind(version))
                .run()
            try await Self.writePublicView(index.publicView, of: id, at: nil, on: db)
        }
    }

    public func postpone(_ id: IncidentID, until time: Date) async throws {
        try await write { db in
            try await db.update(StoreSchema.incidents).set("next_due_at", to: SQLBind(time.timeIntervalSince1970))
                .where("id", .equal, SQLBind(id.rawValue)).where(SQLIdentifier("next_due_at"), .isNot, SQLLiteral.null).run()
        }
    }

    public func quarantine(_ id: IncidentID, reason: String) async throws {
        try await write { db in
            try await db.update(StoreSchema.incidents).set("quarantine", to: SQLBind(reason)).set("needs_reindex", to: SQLBind(0))
                .where("id", .equal, SQLBind(id.rawValue)).run()
        }
    }

    public func quarantined() async throws -> [(IncidentID, String)] {
        try await read { db in
            try await db.select().columns("id", "quarantine").from(StoreSchema.incidents)
                .where(SQLIdentifier("quarantine"), .isNot, SQLLiteral.null).orderBy("id").all()
                .map { (IncidentID(try $0.decode(column: "id", as: Int.self)), try $0.decode(column: "quarantine", as: String.self)) }
        }
    }

    public func quarantinedOpen(inChannel channel: String) async throws -> [IncidentID] {
        try await read { db in
            try await db.select().column("id").from(StoreSchema.incidents)
                .where(SQLIdentifier("quarantine"), .isNot, SQLLiteral.null).where("channel", .equal, SQLBind(channel))
                .where("is_open", .equal, SQLBind(1)).orderBy("id").all()
                .map { IncidentID(try $0.decode(column: "id", as: Int.self)) }
        }
    }

    public func needingReindex(limit: Int) async throws -> [IncidentID] {
        try await read { db in
            try await db.select().column("id").from(StoreSchema.incidents)
                .where("needs_reindex", .equal, SQLBind(1)).where(SQLIdentifier("quarantine"), .is, SQLLiteral.null)
                .orderBy("id").limit(limit).all().map { IncidentID(try $0.decode(column: "id", as: Int.self)) }
        }
    }

    public func requestReindex() async throws {
        try await write { db in
            try await db.update(StoreSchema.incidents).set("needs_reindex", to: SQLBind(1))
                .where { $0.where("is_open", .equal, SQLBind(1)).orWhere("awaits_review", .equal, SQLBind(1)) }
                .run()
        }
    }

    public func setting(_ name: String) async throws -> String? {
        try await read { db in
            try await db.select().column("value").from(StoreSchema.settings).where("name", .equal, SQLBind(name)).first()?
                .decode(column: "value", as: String.self)
        }
    }

    public func setSetting(_ name: String, to value: String) async throws {
        try await write { db in
            // One statement, so two processes starting together cannot trip over each other.
            try await db.insert(into: StoreSchema.settings).columns("name", "value").values(SQLBind(name), SQLBind(value))
                .onConflict(with: ["name"]) { $0.set(excludedValueOf: "value") }.run()
        }
    }

    public func reply(forRequest key: String) async throws -> StoredReply? {
        try await read { db in try await Self.reply(forRequest: key, on: db) }
    }

    public func remember(_ reply: StoredReply, at time: Date) async throws {
        try await write { db in
            // Incident 0: the request is about no incident (it was refused).
            try await db.insert(into: StoreSchema.requests).columns("key", "incident_id", "reply", "handled_at")
                .values(SQLBind(reply.key), SQLBind(0), SQLBind(reply.body), SQLBind(time.timeIntervalSince1970)).ignoringConflicts().run()
        }
    }

    public func pruneHandledRequests(before time: Date) async throws -> Int {
        // Rows from before schema 5 have no time and are kept: a bounded set, and nothing says how old they are.
        try await write { db in
            try await db.raw("DELETE FROM \(unsafeRaw: StoreSchema.requests) WHERE handled_at < \(bind: time.timeIntervalSince1970) RETURNING \"key\"")
                .all().count
        }
    }

    static func reply(forRequest key: String, on db: any SQLDatabase) async throws -> StoredReply? {
        // SQL text: every declaration asks this first (see `insert(into:columns:rows:)`).
        let row = try await db.raw(#"SELECT reply FROM \#(unsafeRaw: StoreSchema.requests) WHERE "key" = \#(bind: key)"#).first()
        return try row.map { StoredReply(key: key, body: try $0.decode(column: "reply", as: String.self)) }
    }

    static func selectHeads(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select().columns("id", "version", "is_open", "awaits_review", "next_due_at", "quarantine", "severity").from(StoreSchema.incidents)
    }

    static func head(_ row: any SQLRow) throws -> IncidentHead {
        IncidentHead(
            id: IncidentID(try row.decode(column: "id", as: Int.self)),
            version: try row.decode(column: "version", as: Int.self),
            isOpen: try row.decode(column: "is_open", as: Int.self) != 0,
            awaitsReview: try row.decode(column: "awaits_review", as: Int.self) != 0,
            nextDueAt: try row.decode(column: "next_due_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)),
            quarantine: try row.decode(column: "quarantine", as: String?.self),
            severity: try row.decode(column: "severity", as: String?.self).flatMap(Severity.init(rawValue:))
        )
    }

    static func setIndex(_ index: IncidentIndex, on update: SQLUpdateBuilder) -> SQLUpdateBuilder {
        update
            .set("is_open", to: SQLBind(index.isOpen ? 1 : 0))
            .set("awaits_review", to: SQLBind(index.awaitsReview ? 1 : 0))
            .set("tracked", to: SQLBind(index.isOpen || index.awaitsReview ? 1 : 0))
            .set("next_due_at", to: SQLBind(index.nextDueAt?.timeIntervalSince1970))
            .set("channel", to: SQLBind(index.channel.description))
            .set("severity", to: SQLBind(index.severity?.rawValue))
    }
}
