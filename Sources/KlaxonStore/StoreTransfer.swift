import Foundation
import SQLKit
import Synchronization

/// Moves a team's history between stores (the embedded SQLite file to PostgreSQL): every incident, event, outbox
/// message with its delivery state, handled request, thread and setting, as JSON lines.
///
/// The first line names the format and the schema; every row is one line; the last line counts the rows, so a
/// cut-off stream is refused instead of half imported.
public enum StoreTransfer {
    public static let format = "klaxon-export"

    /// A column and how its values are read and written.
    struct Column: Sendable {
        enum Kind: Sendable { case int, double, text }
        let name: String
        let kind: Kind
    }

    struct Table: Sendable {
        let name: String
        let columns: [Column]
        let order: [String]
        /// Whether its `id` comes from a sequence the engine must move past the imported rows.
        let hasSequence: Bool
    }

    /// The tables at schema 10 (as at 6 to 9: migrations 7 to 10 changed no table), in an order that imports cleanly.
    static let tables: [Table] = [
        Table(name: StoreSchema.settings, columns: [.init(name: "name", kind: .text), .init(name: "value", kind: .text)], order: ["name"], hasSequence: false),
        Table(name: StoreSchema.incidents, columns: [
            .init(name: "id", kind: .int), .init(name: "tracked", kind: .int), .init(name: "channel", kind: .text),
            .init(name: "version", kind: .int), .init(name: "is_open", kind: .int), .init(name: "awaits_review", kind: .int),
            .init(name: "next_due_at", kind: .double), .init(name: "needs_reindex", kind: .int), .init(name: "quarantine", kind: .text),
            .init(name: "severity", kind: .text),
        ], order: ["id"], hasSequence: true),
        Table(name: StoreSchema.events, columns: [
            .init(name: "incident_id", kind: .int), .init(name: "seq", kind: .int), .init(name: "at", kind: .double),
            .init(name: "type", kind: .text), .init(name: "event", kind: .text), .init(name: "payload_version", kind: .int),
        ], order: ["incident_id", "seq"], hasSequence: false),
        Table(name: StoreSchema.requests, columns: [
            .init(name: "key", kind: .text), .init(name: "incident_id", kind: .int), .init(name: "reply", kind: .text),
            .init(name: "handled_at", kind: .double),
        ], order: ["key"], hasSequence: false),
        Table(name: StoreSchema.threads, columns: [
            .init(name: "incident_id", kind: .int), .init(name: "transport", kind: .text), .init(name: "ref", kind: .text),
        ], order: ["incident_id", "transport"], hasSequence: false),
        Table(name: StoreSchema.outbox, columns: [
            .init(name: "id", kind: .int), .init(name: "key", kind: .text), .init(name: "incident_id", kind: .int), .init(name: "seq", kind: .int),
            .init(name: "notice", kind: .text), .init(name: "created_at", kind: .double), .init(name: "transport", kind: .text),
            .init(name: "lane", kind: .text), .init(name: "attempts", kind: .int), .init(name: "next_attempt_at", kind: .double),
            .init(name: "in_flight", kind: .int), .init(name: "claimed_until", kind: .double), .init(name: "sent_at", kind: .double),
            .init(name: "failed_at", kind: .double), .init(name: "receipt", kind: .text), .init(name: "last_error", kind: .text),
            .init(name: "owner", kind: .text),
        ], order: ["id"], hasSequence: true),
        Table(name: StoreSchema.publicIncidents, columns: [
            .init(name: "incident_id", kind: .int), .init(name: "is_open", kind: .int), .init(name: "resolved_at", kind: .double),
            .init(name: "view", kind: .text),
        ], order: ["incident_id"], hasSequence: false),
        Table(name: StoreSchema.publicViewVersion, columns: [.init(name: "id", kind: .int), .init(name: "version", kind: .int)], order: ["id"], hasSequence: false),
        Table(name: StoreSchema.proposals, columns: [
            .init(name: "id", kind: .int), .init(name: "home", kind: .text), .init(name: "state", kind: .text), .init(name: "incident_id", kind: .int),
            .init(name: "declaration", kind: .text), .init(name: "version", kind: .int), .init(name: "created_at", kind: .double),
            .init(name: "updated_at", kind: .double),
        ], order: ["id"], hasSequence: false),
    ]

    /// The schema the format above describes; a store at another schema cannot be exported or imported by this Klaxon.
    static let schema = 10
    /// Exports this Klaxon imports: schemas 7's to 9's have the same tables (and no withdrawals before 9); schema
    /// 7's resolved incidents are indexed again afterwards, as migration 8 does, and every earlier schema's open ones
    /// as migration 10 does.
    static let importable: Set<Int> = [7, 8, 9, 10]

    /// One value of a row.
    enum Value: Codable, Sendable, Equatable {
        case int(Int)
        case double(Double)
        case text(String)
        case null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let int = try? container.decode(Int.self) { self = .int(int) }
            else if let double = try? container.decode(Double.self) { self = .double(double) }
            else { self = .text(try container.decode(String.self)) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int(let value): try container.encode(value)
            case .double(let value): try container.encode(value)
            case .text(let value): try container.encode(value)
            case .null: try container.encodeNil()
            }
        }

        var bind: any SQLExpression {
            switch self {
            case .int(let value): SQLBind(value)
            case .double(let value): SQLBind(value)
            case .text(let value): SQLBind(value)
            case .null: SQLLiteral.null
            }
        }
    }

    /// A line of the stream.
    struct Line: Codable, Sendable {
        var format: String?
        var schema: Int?
        var table: String?
        var row: [String: Value]?
        var rows: Int?
    }

    /// What an import refused, said so an operator can act on it.
    public struct Refusal: Error, CustomStringConvertible, Equatable {
        public let description: String
    }
}

extension SQLIncidentStore {
    /// Writes every row, table by table, as JSON lines to `output`, from one consistent snapshot of the store.
    /// - Returns: how many rows were written.
    @discardableResult
    public func export(to output: @escaping @Sendable (Data) throws -> Void) async throws -> Int {
        guard try await schemaVersion() == StoreTransfer.schema else {
            throw StoreTransfer.Refusal(description: "this Klaxon exports schema \(StoreTransfer.schema); the store is at \(try await schemaVersion())")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = LineWriter(encoder: encoder, output: output)
        try lines.write(StoreTransfer.Line(format: StoreTransfer.format, schema: StoreTransfer.schema))
        let snapshot = engine.snapshotBegin
        try await read { db in
            try await db.withSession { session in
                try await session.raw(SQLQueryString(snapshot)).run()
                do {
                    for table in StoreTransfer.tables {
                        let select = session.select().columns(table.columns.map { SQLIdentifier($0.name) }).from(table.name)
                        for column in table.order { select.orderBy(column) }
                        try await select.run { row in lines.row(table, row) }
                        try lines.check()
                    }
                    try await session.raw("COMMIT").run()
                } catch {
                    try? await session.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
        let count = lines.count
        try lines.write(StoreTransfer.Line(rows: count))
        return count
    }

    /// Reads an export into this store, which must be empty, in one transaction: all of it or nothing.
    /// - Returns: how many rows were imported.
    @discardableResult
    public func importRows<Lines: Sequence>(_ lines: Lines) async throws -> Int where Lines.Element == String {
        let decoder = JSONDecoder()
        var header = false
        var exported = StoreTransfer.schema
        var rows: [(StoreTransfer.Table, [String: StoreTransfer.Value])] = []
        var counted: Int?
        var number = 0
        for text in lines {
            number += 1
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard counted == nil else { throw StoreTransfer.Refusal(description: "line \(number): rows after the end of the export") }
            guard let line = try? decoder.decode(StoreTransfer.Line.self, from: Data(text.utf8)) else {
                throw StoreTransfer.Refusal(description: "line \(number) is not a line of a Klaxon export")
            }
            if !header {
                guard line.format == StoreTransfer.format else {
                    throw StoreTransfer.Refusal(description: "this is not a Klaxon export (made by `klaxon export`)")
                }
                guard let schema = line.schema, StoreTransfer.importable.contains(schema) else {
                    throw StoreTransfer.Refusal(description: "the export has schema \(line.schema ?? 0); this Klaxon imports schema \(StoreTransfer.schema): use the same version on both sides")
                }
                exported = schema
                header = true
            } else if let name = line.table, let row = line.row {
                guard let table = StoreTransfer.tables.first(where: { $0.name == name }) else {
                    throw StoreTransfer.Refusal(description: "line \(number): unknown table \(name)")
                }
                rows.append((table, row))
            } else if let total = line.rows {
                counted = total
            } else {
                throw StoreTransfer.Refusal(description: "line \(number) is not a line of a Klaxon export")
            }
        }
        guard header else { throw StoreTransfer.Refusal(description: "the export is empty") }
        guard let counted, counted == rows.count else {
            throw StoreTransfer.Refusal(description: "the export is cut off (\(rows.count) rows, and no end line counting them): export again")
        }
        let imported = rows
        let reset = engine.sequenceReset
        let fromSchema = exported
        try await exclusive {
            try await transaction { db in
                let existing = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(StoreSchema.incidents).first()
                guard try existing?.decode(column: "n", as: Int.self) == 0 else {
                    throw StoreTransfer.Refusal(description: "the target store already has incidents: import into an empty database")
                }
                // Settings are the target's own (a fresh store already has its policy fingerprint): replaced.
                try await db.delete(from: StoreSchema.settings).run()
                // Its one row comes from the export, which the fresh store's migration has already made.
                try await db.delete(from: StoreSchema.publicViewVersion).run()
                for table in StoreTransfer.tables {
                    let tableRows = imported.filter { $0.0.name == table.name }.map(\.1)
                    for chunk in stride(from: 0, to: tableRows.count, by: 200).map({ Array(tableRows[$0..<min($0 + 200, tableRows.count)]) }) {
                        let insert = db.insert(into: table.name).columns(table.columns.map(\.name))
                        for row in chunk { insert.values(table.columns.map { (row[$0.name] ?? .null).bind }) }
                        try await insert.run()
                    }
                    if table.hasSequence, let reset { try await db.raw(SQLQueryString(reset(table.name))).run() }
                }
                if fromSchema < 8 {
                    try await db.raw("UPDATE incidents SET needs_reindex = 1 WHERE is_open = 0 AND awaits_review = 0 AND quarantine IS NULL").run()
                }
                if fromSchema < 10 {
                    try await db.raw("UPDATE incidents SET needs_reindex = 1 WHERE is_open = 1 AND quarantine IS NULL").run()
                }
            }
        }
        return imported.count
    }
}

/// Serialises the rows of an export as they stream in (SQLKit hands rows to a Sendable callback).
private final class LineWriter: Sendable {
    private struct State {
        var count = 0
        var failure: (any Error)?
    }

    private let encoder: JSONEncoder
    private let output: @Sendable (Data) throws -> Void
    private let state = Mutex(State())

    init(encoder: JSONEncoder, output: @escaping @Sendable (Data) throws -> Void) {
        self.encoder = encoder
        self.output = output
    }

    var count: Int { state.withLock { $0.count } }

    func write(_ line: StoreTransfer.Line) throws {
        try output(try encoder.encode(line) + Data("\n".utf8))
    }

    func row(_ table: StoreTransfer.Table, _ row: any SQLRow) {
        state.withLock { state in
            guard state.failure == nil else { return }
            do {
                var values: [String: StoreTransfer.Value] = [:]
                for column in table.columns {
                    if try row.decodeNil(column: column.name) {
                        values[column.name] = .null
                        continue
                    }
                    switch column.kind {
                    case .int: values[column.name] = .int(try row.decode(column: column.name, as: Int.self))
                    case .double: values[column.name] = .double(try row.decode(column: column.name, as: Double.self))
                    case .text: values[column.name] = .text(try row.decode(column: column.name, as: String.self))
                    }
                }
                try write(StoreTransfer.Line(table: table.name, row: values))
                state.count += 1
            } catch {
                state.failure = error
            }
        }
    }

    /// Throws the first failure while writing rows.
    func check() throws {
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }
}
