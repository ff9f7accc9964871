import KlaxonCore
import KlaxonPolicy
import KlaxonStore

/// `/incident list`, read only as far as an answer can show.
extension IncidentDesk {
    /// The open incidents, most severe first, then by number: the first `ReplyComposer.itemsReadAtMost` read, all of them counted.
    /// Before, every open incident was read to list them, one at a time from its events beyond the cache: with
    /// 4,000 open, each `list` took about a second.
    func openList() async throws -> CommandOutcome {
        var heads = try await store.heads(IncidentQuery(.open))
        var read: [IncidentID: Incident] = [:]
        // A row an older Klaxon indexed without its severity is read to know it (until its reindex).
        for head in heads where head.severity == nil {
            do { read[head.id] = try await current(head.id, head: head) } catch is CommandRejection { continue }
        }
        heads = heads.filter { $0.severity != nil || read[$0.id] != nil }
        func severity(_ head: IncidentHead) -> Severity { head.severity ?? read[head.id]?.severity ?? .p0 }
        heads.sort { (severity($0), $0.id) < (severity($1), $1.id) }
        var shown: [Incident] = []
        var unreadable = 0
        for head in heads.prefix(ReplyComposer.itemsReadAtMost) {
            if let incident = read[head.id] {
                shown.append(incident)
            } else {
                // Quarantined since the index was read: left out, as the index will soon leave it out too.
                do { shown.append(try await current(head.id, head: head)) } catch is CommandRejection { unreadable += 1 }
            }
        }
        return .list(shown, total: heads.count - unreadable)
    }

    /// What Discord's incident picker offers: the open incidents `list` reads, and the one whose number is being
    /// typed when it is open but beyond them. Reading every open incident made each keystroke as slow as `list` was.
    public func openForPicker(typedNumber: IncidentID?) async throws -> [Incident] {
        guard case .list(var shown, _) = try await openList() else { return [] }
        if let typedNumber, !shown.contains(where: { $0.id == typedNumber }), let typed = try? await current(typedNumber), typed.isOpen {
            shown.append(typed)
        }
        return shown
    }
}
