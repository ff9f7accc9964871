import Foundation
import KlaxonCore
import SQLKit

extension SQLIncidentStore {
    /// Up to `perLane` waiting messages of every lane, so a long backlog in one lane can't hide the others.
    public func pendingOutbox(limit perLane: Int) async throws -> [OutboxMessage] {
        try await read { database in
            let waiting: SQLQueryString = "SELECT DISTINCT lane FROM \(unsafeRaw: StoreSchema.outbox) WHERE sent_at IS NULL AND failed_at IS NULL"
            let lanes = try await database.raw(waiting).all().map { try $0.decode(column: "lane", as: String.self) }
            var messages: [OutboxMessage] = []
            for lane in lanes.sorted() {
                let select: SQLQueryString = """
                    SELECT id, "key", notice, transport, lane, attempts, next_attempt_at, in_flight, claimed_until FROM \(unsafeRaw: StoreSchema.outbox) \
                    WHERE lane = \(bind: lane) AND sent_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT \(literal: perLane)
                    """
                let rows = try await database.raw(select).all()
                messages += try rows.map(message)
            }
            return messages.sorted { $0.id < $1.id }
        }
    }

    private func message(_ row: any SQLRow) throws -> OutboxMessage {
        let key = try row.decode(column: "key", as: String.self)
        return OutboxMessage(
            id: try row.decode(column: "id", as: Int.self),
            notice: try writtenNotices.take(key) ?? StoreCoding.decode(Notice.self, try row.decode(column: "notice", as: String.self)),
            transport: TransportName(rawValue: try row.decode(column: "transport", as: String.self)),
            lane: Lane(rawValue: try row.decode(column: "lane", as: String.self)),
            key: key,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: Date(timeIntervalSince1970: try row.decode(column: "next_attempt_at", as: Double.self)),
            inFlight: try row.decode(column: "in_flight", as: Int.self) != 0,
            claimedUntil: Date(timeIntervalSince1970: try row.decode(column: "claimed_until", as: Double.self))
        )
    }

    public func claimDeliveries(_ ids: [Int], owner: String, now: Date, until: Date) async throws -> Set<Int> {
        guard !ids.isEmpty else { return [] }
        return try await write { database in
            // Only one worker wins each row: it must be free (or its last claim lapsed: a crash mid-send), and due.
            // SQL text, not the builder: run for every run of messages sent (see `insert(into:)`).
            let time = now.timeIntervalSince1970
            var update: SQLQueryString = """
                UPDATE \(unsafeRaw: StoreSchema.outbox) SET in_flight = 1, owner = \(bind: owner), \
                claimed_until = \(bind: until.timeIntervalSince1970), attempts = attempts + 1 \
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= \(bind: time) \
                AND (in_flight = 0 OR claimed_until < \(bind: time)) AND id IN (
                """
            update.appendList(ids)
            update.appendLiteral(") RETURNING id")
            let rows = try await database.raw(update).all()
            return Set(try rows.map { try $0.decode(column: "id", as: Int.self) })
        }
    }

    public func endClaims(at now: Date) async throws -> Int {
        try await write { database in
            let time = now.timeIntervalSince1970
            // Still in flight, so the worker looks for each on its platform before sending it again.
            let update: SQLQueryString = """
                UPDATE \(unsafeRaw: StoreSchema.outbox) SET claimed_until = \(bind: time - 1) \
                WHERE sent_at IS NULL AND failed_at IS NULL AND in_flight = 1 AND claimed_until >= \(bind: time) RETURNING id
                """
            return try await database.raw(update).all().count
        }
    }

    public func releaseClaim(_ id: Int, owner: String) async throws -> Bool {
        try await owned(id, owner) { $0.set("in_flight", to: SQLBind(0)).set(SQLIdentifier("attempts"), to: SQLRaw("attempts - 1")) }
    }

    public func renewClaim(_ id: Int, owner: String, until: Date) async throws -> Bool {
        try await owned(id, owner) { $0.set("claimed_until", to: SQLBind(until.timeIntervalSince1970)) }
    }

    public func markDelivered(_ sent: [SentMessage], owner: String, at time: Date) async throws -> Set<Int> {
        guard !sent.isEmpty else { return [] }
        return try await write { database in
            var marked: Set<Int> = []
            // One statement for a run (a few hundred rows at most, within both engines' limits on bound values):
            // each row gets its own receipt by a CASE on its id.
            for start in stride(from: 0, to: sent.count, by: CommitBatch.rowsPerInsert) {
                let chunk = sent[start..<min(start + CommitBatch.rowsPerInsert, sent.count)]
                var update: SQLQueryString = """
                    UPDATE \(unsafeRaw: StoreSchema.outbox) SET sent_at = \(bind: time.timeIntervalSince1970), in_flight = 0, receipt = CASE id
                    """
                for message in chunk {
                    update.appendLiteral(" WHEN ")
                    update.appendInterpolation(bind: message.id)
                    update.appendLiteral(" THEN ")
                    update.appendInterpolation(nullable: message.receipt)
                }
                update.appendLiteral(" END WHERE owner = ")
                update.appendInterpolation(bind: owner)
                update.appendLiteral(" AND id IN (")
                update.appendList(chunk.map(\.id))
                update.appendLiteral(") RETURNING id")
                for row in try await database.raw(update).all() { marked.insert(try row.decode(column: "id", as: Int.self)) }
            }
            return marked
        }
    }

    public func deferDelivery(_ id: Int, owner: String, until time: Date, error: String) async throws -> Bool {
        try await owned(id, owner) {
            $0.set("next_attempt_at", to: SQLBind(time.timeIntervalSince1970)).set("last_error", to: SQLBind(error)).set("in_flight", to: SQLBind(0))
        }
    }

    public func markFailed(_ id: Int, owner: String?, at time: Date, error: String) async throws -> Bool {
        try await owned(id, owner) {
            $0.set("failed_at", to: SQLBind(time.timeIntervalSince1970)).set("last_error", to: SQLBind(error)).set("in_flight", to: SQLBind(0))
        }
    }

    public func pruneDelivered(before time: Date) async throws -> Int {
        try await write { database in
            let rows = try await database.delete(from: StoreSchema.outbox)
                .where("sent_at", .lessThan, SQLBind(time.timeIntervalSince1970))
                .returning("id").all()
            return rows.count
        }
    }

    public func thread(of incident: IncidentID, on transport: TransportName) async throws -> String? {
        try await read { database in
            // SQL text, not the builder: read for every message sent (see `insert(into:)`).
            let select: SQLQueryString = """
                SELECT ref FROM \(unsafeRaw: StoreSchema.threads) WHERE incident_id = \(bind: incident.rawValue) AND transport = \(bind: transport.rawValue)
                """
            let row = try await database.raw(select).first()
            return try row?.decode(column: "ref", as: String.self)
        }
    }

    public func incident(inThread ref: String, on transport: TransportName) async throws -> IncidentID? {
        try await read { database in
            let select: SQLQueryString = """
                SELECT incident_id FROM \(unsafeRaw: StoreSchema.threads) WHERE transport = \(bind: transport.rawValue) AND ref = \(bind: ref)
                """
            return try await database.raw(select).first()?.decode(column: "incident_id", as: Int.self)
        }.map { IncidentID($0) }
    }

    public func setThread(of incident: IncidentID, on transport: TransportName, to ref: String) async throws {
        try await write { database in
            // The first thread recorded wins, also against another replica.
            try await database.insert(into: StoreSchema.threads).columns("incident_id", "transport", "ref")
                .values(SQLBind(incident.rawValue), SQLBind(transport.rawValue), SQLBind(ref)).ignoringConflicts().run()
        }
    }

    /// Updates a row only while `owner` holds it (`nil`: a row nobody is sending, given up before any send).
    /// Another worker that took the row over after this one's claim lapsed is not overwritten.
    private func owned(_ id: Int, _ owner: String?, _ set: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder) async throws -> Bool {
        try await write { database in
            var update = set(database.update(StoreSchema.outbox)).where("id", .equal, SQLBind(id))
            if let owner {
                update = update.where("owner", .equal, SQLBind(owner))
            } else {
                // Given up before any send: only while no worker is sending it.
                update = update.where("in_flight", .equal, SQLBind(0))
            }
            return try await update.returning("id").first() != nil
        }
    }
}
