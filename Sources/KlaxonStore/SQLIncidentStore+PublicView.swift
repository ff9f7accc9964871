import Foundation
import KlaxonCore
import SQLKit

/// The public status page's view: one row per public incident, written by the commit that changes it.
extension SQLIncidentStore {
    /// Writes a change of an incident's public view; `at`: when the change was made (its event), which a view taken off
    /// the page leaves in `publicViewHiddenAt`: the pages it was on changed then, though no view left on them says so.
    static func writePublicView(_ change: PublicViewChange, of id: IncidentID, at time: Date?, on db: any SQLDatabase) async throws {
        if change != .unchanged {
            try await db.update(StoreSchema.publicViewVersion).set("version", to: SQLRaw("version + 1")).where("id", .equal, SQLBind(1)).run()
        }
        switch change {
        case .unchanged:
            return
        case .hidden:
            try await db.delete(from: StoreSchema.publicIncidents).where("incident_id", .equal, SQLBind(id.rawValue)).run()
            guard let time else { return }
            // The latest such moment on any replica: moved only forward.
            try await db.raw("""
                INSERT INTO \(unsafeRaw: StoreSchema.settings) (name, value) VALUES (\(bind: Self.publicViewHiddenAt), \(bind: String(time.timeIntervalSince1970)))
                ON CONFLICT (name) DO UPDATE SET value = excluded.value
                WHERE CAST(\(unsafeRaw: StoreSchema.settings).value AS DOUBLE PRECISION) < CAST(excluded.value AS DOUBLE PRECISION)
                """).run()
        case .show(let view):
            // A new incident's view was made before its number was known.
            let stored = view.id == id ? view : view.identified(as: id)
            try await db.insert(into: StoreSchema.publicIncidents).columns("incident_id", "is_open", "resolved_at", "view")
                .values(
                    SQLBind(id.rawValue), SQLBind(stored.isOpen ? 1 : 0), SQLBind(stored.resolvedAt?.timeIntervalSince1970),
                    SQLBind(try StoreCoding.encode(stored))
                )
                .onConflict(with: ["incident_id"]) { $0.set(excludedValueOf: "is_open").set(excludedValueOf: "resolved_at").set(excludedValueOf: "view") }
                .run()
        }
    }

    /// The setting holding when an incident last left the status page (seconds since 1970, as text).
    public static let publicViewHiddenAt = "public_view_hidden_at"

    public func publicIncidents(resolvedSince since: Date) async throws -> [PublicIncident] {
        try await read { db in
            try await db.select().column("view").from(StoreSchema.publicIncidents)
                .where { $0.where("is_open", .equal, SQLBind(1)).orWhere("resolved_at", .greaterThanOrEqual, SQLBind(since.timeIntervalSince1970)) }
                .orderBy("incident_id", .descending).all().map(Self.publicView)
        }
    }

    public func publicViewVersion() async throws -> Int {
        try await read { db in
            try await db.select().column("version").from(StoreSchema.publicViewVersion).where("id", .equal, SQLBind(1)).first()?
                .decode(column: "version", as: Int.self) ?? 0
        }
    }

    public func publicIncident(_ id: IncidentID) async throws -> PublicIncident? {
        try await read { db in
            try await db.select().column("view").from(StoreSchema.publicIncidents).where("incident_id", .equal, SQLBind(id.rawValue))
                .first().map(Self.publicView)
        }
    }

    public func publicHistory(since: Date, offset: Int, limit: Int) async throws -> (incidents: [PublicIncident], total: Int) {
        try await read { db in
            let resolved = { (select: SQLSelectBuilder) in
                select.from(StoreSchema.publicIncidents).where("is_open", .equal, SQLBind(0))
                    .where("resolved_at", .greaterThanOrEqual, SQLBind(since.timeIntervalSince1970))
            }
            let count = try await resolved(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")).first()?
                .decode(column: "n", as: Int.self) ?? 0
            let rows = try await resolved(db.select().column("view")).orderBy("resolved_at", .descending).orderBy("incident_id", .descending)
                .limit(limit).offset(offset).all()
            return (try rows.map(Self.publicView), count)
        }
    }

    private static func publicView(_ row: any SQLRow) throws -> PublicIncident {
        try StoreCoding.decode(PublicIncident.self, try row.decode(column: "view", as: String.self))
    }
}
