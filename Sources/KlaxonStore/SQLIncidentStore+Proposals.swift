import Foundation
import KlaxonCore
import SQLKit

extension SQLIncidentStore {
    public func openProposal(home: ChannelRef) async throws -> AlertProposal? {
        try await read { db in
            try await Self.selectProposals(db).where("home", .equal, SQLBind(home.description)).where("state", .equal, SQLBind("open"))
                .first().map(Self.proposal)
        }
    }

    public func proposal(_ id: AlertProposalID) async throws -> AlertProposal? {
        try await read { db in
            try await Self.selectProposals(db).where("id", .equal, SQLBind(id.rawValue)).first().map(Self.proposal)
        }
    }

    public func propose(_ declaration: Declaration, at time: Date, outbox: @escaping @Sendable (AlertProposalID) -> [OutboxEntry]) async throws -> ProposalResult {
        let home = declaration.channel.description
        let body = try StoreCoding.encode(declaration)
        return try await write { db in
            // The next number after the highest, as for incidents; a group that has an open proposal keeps it (the
            // unique index on open proposals), so a retry or another replica's copy of the notification adds nothing.
            let row = try await db.insert(into: StoreSchema.proposals)
                .columns("id", "home", "state", "declaration", "version", "created_at", "updated_at")
                .values(
                    SQLRaw("(SELECT COALESCE(MAX(id), 0) + 1 FROM alert_proposals)"), SQLBind(home), SQLBind("open"), SQLBind(body), SQLBind(1),
                    SQLBind(time.timeIntervalSince1970), SQLBind(time.timeIntervalSince1970)
                )
                .ignoringConflicts().returning("id").first()
            guard let number = try row?.decode(column: "id", as: Int.self) else {
                let open = try await Self.selectProposals(db).where("home", .equal, SQLBind(home)).where("state", .equal, SQLBind("open")).first()
                guard let open else { throw StoreError.corrupt("a proposal was refused but its group has none open") }
                return ProposalResult.existing(try Self.proposal(open))
            }
            let id = AlertProposalID(number)
            try await Self.insert(outbox(id), at: time, on: db)
            return ProposalResult.created(AlertProposal(id: id, declaration: declaration, state: .open, version: 1))
        }
    }

    public func update(_ proposal: AlertProposal, from version: Int, at time: Date, outbox: [OutboxEntry]) async throws -> Bool {
        let (state, incident) = Self.columns(proposal.state)
        let body = try StoreCoding.encode(proposal.declaration)
        return try await write { db in
            let row = try await db.update(StoreSchema.proposals)
                .set("state", to: SQLBind(state)).set("incident_id", to: SQLBind(incident)).set("declaration", to: SQLBind(body))
                .set("version", to: SQLBind(version + 1)).set("updated_at", to: SQLBind(time.timeIntervalSince1970))
                .where("id", .equal, SQLBind(proposal.id.rawValue)).where("version", .equal, SQLBind(version))
                .returning("id").first()
            guard row != nil else { return false }
            try await Self.insert(outbox, at: time, on: db)
            return true
        }
    }

    /// A proposal's messages: no incident's (`incident_id` 0), keyed by the proposal so each is written once.
    private static func insert(_ entries: [OutboxEntry], at time: Date, on db: any SQLDatabase) async throws {
        guard !entries.isEmpty else { return }
        let created = time.timeIntervalSince1970
        let insert = db.insert(into: StoreSchema.outbox).columns(
            "key", "incident_id", "seq", "notice", "transport", "lane", "created_at", "attempts", "next_attempt_at", "in_flight", "claimed_until"
        )
        for entry in entries {
            insert.values(
                SQLBind(entry.key), SQLBind(0), SQLBind(entry.notice.sequence), SQLBind(StoreCoding.encode(entry.notice)),
                SQLBind(entry.transport.rawValue), SQLBind(entry.lane.rawValue), SQLBind(created), SQLBind(0), SQLBind(created), SQLBind(0), SQLBind(0.0)
            )
        }
        try await insert.run()
    }

    private static func selectProposals(_ db: any SQLDatabase) -> SQLSelectBuilder {
        db.select().columns("id", "state", "incident_id", "declaration", "version").from(StoreSchema.proposals)
    }

    private static func columns(_ state: AlertProposal.State) -> (String, Int?) {
        switch state {
        case .open: ("open", nil)
        case .accepted(let incident): ("accepted", incident.rawValue)
        case .withdrawn: ("withdrawn", nil)
        }
    }

    private static func proposal(_ row: any SQLRow) throws -> AlertProposal {
        let state: AlertProposal.State
        switch try row.decode(column: "state", as: String.self) {
        case "open": state = .open
        case "withdrawn": state = .withdrawn
        case "accepted":
            guard let incident = try row.decode(column: "incident_id", as: Int?.self) else { throw StoreError.corrupt("an accepted proposal has no incident") }
            state = .accepted(IncidentID(incident))
        case let other: throw StoreError.corrupt("a proposal's state is `\(other)`")
        }
        return AlertProposal(
            id: AlertProposalID(try row.decode(column: "id", as: Int.self)),
            declaration: try StoreCoding.decode(Declaration.self, try row.decode(column: "declaration", as: String.self)),
            state: state, version: try row.decode(column: "version", as: Int.self)
        )
    }
}
