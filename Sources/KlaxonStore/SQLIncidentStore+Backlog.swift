import Foundation
import KlaxonCore
import SQLKit

extension SQLIncidentStore {
    /// The outbox's undelivered messages by transport, in one grouped query over the pending index.
    public func outboxBacklog() async throws -> [OutboxBacklog] {
        try await read { database in
            let rows = try await database.raw("""
                SELECT transport, COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox
                WHERE sent_at IS NULL AND failed_at IS NULL GROUP BY transport ORDER BY transport
                """).all()
            return try rows.map { row in
                OutboxBacklog(
                    transport: TransportName(rawValue: try row.decode(column: "transport", as: String.self)),
                    pending: try row.decode(column: "pending", as: Int.self),
                    oldestCreatedAt: Date(timeIntervalSince1970: try row.decode(column: "oldest", as: Double.self))
                )
            }
        }
    }
}
