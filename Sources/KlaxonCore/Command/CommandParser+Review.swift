import Foundation

extension CommandParser {
    /// `review [#id] schedule <when>` or `review [#id] done [--force <reason>]`.
    func review(_ words: inout Words) throws(CommandRejection) -> IncidentCommand {
        let target = try words.target(of: "review")
        guard let word = words.next() else { throw .missingArgument(command: "review", what: "`schedule <when>` or `done`") }
        switch Words.bare(word).lowercased() {
        case "schedule":
            try words.refuseLateTarget(target, command: "review")
            return .scheduleReview(target, when: try words.required(command: "review", what: "when the review is"))
        case "done":
            let (rest, force) = try Self.splitForce(words.rest, missingReason: .reviewForceNeedsReason)
            if let force { try Words(force).refuseLateTarget(target, command: "review") }
            guard rest.isEmpty else { throw .invalidValue(command: "review", value: rest, expected: "`done` or `done --force <reason>`") }
            return .closeReview(target, forceReason: force)
        default:
            throw .invalidValue(command: "review", value: word, expected: "`schedule` or `done`")
        }
    }

    /// `action [#id] @owner|me <text> [team:<team>] [due:YYYY-MM-DD]` or `action [#id] done <n>`.
    func action(_ words: inout Words) throws(CommandRejection) -> IncidentCommand {
        let target = try words.target(of: "action")
        guard let word = words.next() else { throw .missingArgument(command: "action", what: "an owner and what to do") }
        if word.lowercased() == "done" {
            // `action done #2` with no incident named first: #2 is an incident, as everywhere else, not item 2.
            try words.refuseLateTarget(target, command: "action")
            let number = try words.required(command: "action", what: "the action item's number")
            return .closeAction(target, number: try Self.actionNumber(number))
        }
        guard let owner = mention(word) else { throw .invalidValue(command: "action", value: word, expected: "an owner (`@name` or `me`)") }
        try words.refuseLateTarget(target, command: "action")
        var team: String?
        var due: CalendarDay?
        var kept: [String] = []
        for token in words.rest.split(whereSeparator: \.isWhitespace).map(String.init) {
            let lowered = token.lowercased()
            if lowered.hasPrefix("team:"), token.count > 5 {
                team = String(token.dropFirst(5))
            } else if lowered.hasPrefix("due:") {
                guard let day = CalendarDay(text: Words.bare(token.dropFirst(4))) else {
                    throw .invalidValue(command: "action", value: token, expected: "a due date like due:2026-12-05")
                }
                due = day
            } else {
                kept.append(token)
            }
        }
        guard !kept.isEmpty else { throw .missingArgument(command: "action", what: "what is to be done") }
        return .addAction(target, owner: owner, text: kept.joined(separator: " "), team: team, due: due)
    }

    /// `started [#id] <time>` and `mitigated [#id] [time]`.
    func milestone(_ milestone: Milestone, command: String, _ words: inout Words) throws(CommandRejection) -> IncidentCommand {
        let target = try words.target(of: command)
        guard let text = words.optionalRest else {
            guard milestone == .mitigated else { throw .missingArgument(command: command, what: "when impact began (`14:05`, `2026-11-28 14:05` or `-20m`)") }
            return .milestone(target, milestone, nil)
        }
        return .milestone(target, milestone, try Self.time(text, command: command))
    }

    static func time(_ text: String, command: String) throws(CommandRejection) -> TimeReference {
        guard let time = TimeReference(text: text) else {
            throw .invalidValue(command: command, value: text, expected: "a UTC time like `14:05` or `2026-11-28 14:05` (or your own with its offset: `16:05 +02:00`), or `-20m`")
        }
        return time
    }

    static func actionNumber(_ text: String) throws(CommandRejection) -> Int {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let number = Int(digits), number >= 1, digits.allSatisfy(\.isASCII) else {
            throw .invalidValue(command: "action", value: text, expected: "an action item's number, like 2 (`/incident actions` lists them)")
        }
        return number
    }

    /// Splits `text --force reason` into the text and the reason; `--force` counts only as a word of its own.
    static func splitForce(_ text: String, missingReason: CommandRejection) throws(CommandRejection) -> (String, String?) {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: false)
        guard let index = tokens.firstIndex(where: { Words.isFlag($0, "--force") }) else {
            // `--forse verified by hand`: read as text, the resolution would be refused for its checklist instead.
            // Only a word a reason follows, as one follows `--force`.
            if let (word, flag) = Words.mistypedFlag(among: Array(tokens.dropLast()), ["--force"]) { throw .mistypedFlag(word, flag: flag) }
            return (text, nil)
        }
        let before = tokens[..<index].joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let reason = tokens[(index + 1)...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard saysSomething(reason) else { throw missingReason }
        return (before, reason)
    }
}
