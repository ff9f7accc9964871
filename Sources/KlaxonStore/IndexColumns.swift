import Foundation
import SQLKit

/// An incident's index as its row stores it: what a commit compares before writing the index again. On SQLite,
/// setting an indexed column, even to the value it holds, rewrites its entries in the index: a note on an incident
/// (nothing but its version changes) wrote three pages to the log instead of one. (PostgreSQL compares values itself;
/// there a commit that does change the index costs a second UPDATE.)
struct IndexColumns: Equatable {
    var isOpen: Int
    var awaitsReview: Int
    var tracked: Int
    var nextDueAt: Double?
    var channel: String
    var severity: String?

    static let names = "is_open, awaits_review, tracked, next_due_at, channel, severity"

    init(_ index: IncidentIndex) {
        isOpen = index.isOpen ? 1 : 0
        awaitsReview = index.awaitsReview ? 1 : 0
        tracked = index.isOpen || index.awaitsReview ? 1 : 0
        nextDueAt = index.nextDueAt?.timeIntervalSince1970
        channel = index.channel.description
        severity = index.severity?.rawValue
    }

    init(_ row: any SQLRow) throws {
        isOpen = try row.decode(column: "is_open", as: Int.self)
        awaitsReview = try row.decode(column: "awaits_review", as: Int.self)
        tracked = try row.decode(column: "tracked", as: Int.self)
        nextDueAt = try row.decode(column: "next_due_at", as: Double?.self)
        channel = try row.decode(column: "channel", as: String.self)
        severity = try row.decode(column: "severity", as: String?.self)
    }

    /// The UPDATE that writes these columns to incident `id`.
    func update(_ id: Int) -> SQLQueryString {
        """
        UPDATE \(unsafeRaw: StoreSchema.incidents) SET is_open = \(bind: isOpen), awaits_review = \(bind: awaitsReview), tracked = \(bind: tracked), \
        next_due_at = \(nullable: nextDueAt), channel = \(bind: channel), severity = \(nullable: severity) WHERE id = \(bind: id)
        """
    }
}
