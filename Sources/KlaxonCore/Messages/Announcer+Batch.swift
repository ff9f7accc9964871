/// The notices of events recorded together: one command's, or one firing of an incident's due timers.
extension Announcer {
    /// The notices of `events`, numbered from `version + 1`, in order. An escalation of the same batch that would
    /// page only roles paged a moment before pages no one: a server catching up after a restart fired the 30- and
    /// 60-minute rules at once, and paged the CEO twice in a row. It still posts what it asks for. One that reaches
    /// someone new (a security incident's security team, beside the CTO the P0 paged) pages all of its roles.
    /// By email, where nothing is posted without paging, a role gets one email of escalation rules caught up on at
    /// once: the last rule's, which speaks for the incident's age now. Rules that fire together by design (at the
    /// declaration) each send theirs: their prompts differ.
    public func notices(for events: [IncidentEvent], from version: Int, incident: Incident) -> [Notice] {
        var paged: [Audience] = []
        let batch = events.enumerated().flatMap { offset, event in
            notices(for: event, sequence: version + offset + 1, incident: incident)
        }.map { notice in
            guard notice.kind == .escalation, case .incidentChannel = notice.destination else { return notice }
            var notice = notice
            let roles = notice.audience.filter { if case .role = $0 { true } else { false } }
            if !roles.isEmpty, roles.allSatisfy(paged.contains) { notice.audience.removeAll(where: roles.contains) }
            paged += roles
            return notice
        }
        func caughtUpEmail(_ notice: Notice) -> String? {
            let index = notice.sequence - version - 1
            guard events.indices.contains(index), case .timerFired(.escalation) = events[index].change else { return nil }
            return Self.emailedRole(notice)
        }
        return batch.enumerated().filter { index, notice in
            guard let role = caughtUpEmail(notice) else { return true }
            return !batch[(index + 1)...].contains { caughtUpEmail($0) == role }
        }.map(\.element)
    }

    /// The role an escalation email goes to.
    private static func emailedRole(_ notice: Notice) -> String? {
        guard notice.kind == .escalation, case .email(let role) = notice.destination else { return nil }
        return role
    }
}
