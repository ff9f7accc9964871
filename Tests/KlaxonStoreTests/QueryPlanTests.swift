import Foundation
import SQLKit
import Synchronization
import Testing
@testable import KlaxonStore

/// The scheduler reads the store on every wake: its reads must come from the due index, whatever the number of
/// incidents stored. Checked on SQLite's plans (PostgreSQL's planner chooses by the table's statistics).
@Suite struct QueryPlanTests {
    typealias F = StoreFixtures

    enum SchedulerRead: String, CaseIterable {
        case nextDueTime = "the next due time"
        case whatIsDue = "what is due"

        func query(_ db: any SQLDatabase) -> SQLSelectBuilder {
            switch self {
            case .nextDueTime: SQLIncidentStore.nextDueQuery(db)
            case .whatIsDue: SQLIncidentStore.dueQuery(db, until: F.start, limit: 500)
            }
        }
    }

    @Test(arguments: SchedulerRead.allCases) func theSchedulersReadsUseTheDueIndex(read: SchedulerRead) async throws {
        let (database, handle) = try await StoreEngine.sqliteFile.open()
        defer { database.remove() }
        for minute in 0..<3 { _ = try await F.declare(handle.store, due: F.start.addingTimeInterval(Double(minute) * 60)) }
        let plan = Mutex<[String]>([])
        try await handle.store.reader.execute(sql: ExplainQueryPlan(read.query(handle.store.reader).query)) { row in
            let detail = (try? row.decode(column: "detail", as: String.self)) ?? ""
            plan.withLock { $0.append(detail) }
        }
        let steps = plan.withLock { $0 }
        #expect(steps.contains { $0.contains("USING INDEX incidents_due") }, "\(read.rawValue): \(steps)")
        try await handle.close()
    }
}

/// `EXPLAIN QUERY PLAN` before a query: SQLite's description of how it will read the tables.
private struct ExplainQueryPlan: SQLExpression {
    let query: any SQLExpression

    init(_ query: any SQLExpression) {
        self.query = query
    }

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("EXPLAIN QUERY PLAN ")
        query.serialize(to: &serializer)
    }
}
