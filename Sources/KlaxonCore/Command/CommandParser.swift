import Foundation

/// Parses the text of `/incident …` (Slack's and Mattermost's grammar) into a command.
public struct CommandParser: Sendable {
    /// The platform mentions and ids belong to (Slack, Mattermost).
    public let platform: Platform

    public init(platform: Platform) {
        self.platform = platform
    }

    /// Parses the text after `/incident`.
    public func parse(_ text: String) throws(CommandRejection) -> IncidentCommand {
        var words = Words(text)
        guard let verb = words.next() else { throw .empty }
        if let reordered = Self.commandNamedAfter(id: verb, words) { return try parse(reordered) }
        if Words.startsLikeIncidentID(verb) { throw .commandNeeded(verb) }
        let lowered = verb.lowercased()
        // `p0: DB is down`, written as one heads a message.
        let severityWord = lowered.hasSuffix(":") ? String(lowered.dropLast()) : lowered
        if let severity = Severity(text: severityWord), severityWord.hasPrefix("p") || severityWord.hasPrefix("sev") {
            return try declare(severity: severity, rest: words.rest)
        }
        // `p0:DB is down`, the space after the colon forgotten.
        if let colon = verb.firstIndex(of: ":"), case let head = verb[..<colon].lowercased(), let severity = Severity(text: head),
           head.hasPrefix("p") || head.hasPrefix("sev") {
            return try declare(severity: severity, rest: String(verb[verb.index(after: colon)...]) + " " + words.rest)
        }
        switch lowered {
        case "declare":
            guard let word = words.next() else { throw .missingArgument(command: "declare", what: "a severity and a title") }
            guard let severity = Severity(text: word) else {
                throw .invalidValue(command: "declare", value: word, expected: "a severity (p0, p1, p2 or p3)")
            }
            return try declare(severity: severity, rest: words.rest)
        case "accept":
            guard let word = words.next() else { throw .missingArgument(command: "accept", what: "the alert id of a proposal (like `a7`)") }
            guard let id = AlertProposalID(text: word) else {
                throw .invalidValue(command: "accept", value: word, expected: "an alert id (like `a7`, from the proposal)")
            }
            return .accept(id)
        case "update":
            return try update(&words)
        case "status":
            return try status(&words)
        case "public", "private", "eta", "affects":
            return try publicCommand(lowered, &words)
        case "notify":
            return try notify(&words)
        case "commander", "ic":
            let target = try words.target(of: "commander")
            guard let word = words.next() else { throw .missingArgument(command: "commander", what: "a person (`@name` or `me`)") }
            // `ic 14 me`: #14's number without its `#`, then the person.
            if target == .current, Words.isBareNumber(word), let next = words.rest.split(separator: " ").first, mention(String(next)) != nil {
                throw .bareIncidentNumber(word, command: "commander")
            }
            guard let person = mention(word) else {
                throw .invalidValue(command: "commander", value: word, expected: "a person (`@name` or `me`)")
            }
            try words.refuseLateTarget(target, command: "commander")
            // One person: words after them were dropped before, so `commander @zed and @amy` named only Zed.
            if let extra = words.optionalRest { throw .invalidValue(command: "commander", value: extra, expected: "part of the command: it takes one person, nothing after them") }
            return .commander(target, person)
        case "severity", "sev":
            let target = try words.target(of: "severity")
            guard let word = words.next() else { throw .missingArgument(command: "severity", what: "a severity") }
            // `sev 2 p3`: the incident's number without its `#`, then the severity; read as P2 with the reason "p3".
            if target == .current, Words.isBareNumber(word), let next = words.rest.split(separator: " ").first, Severity(text: String(next)) != nil {
                throw .bareIncidentNumber(word, command: "severity")
            }
            guard let severity = Severity(text: Words.bare(word)) else {
                throw .invalidValue(command: "severity", value: word, expected: "a severity (p0, p1, p2 or p3)")
            }
            try words.refuseLateTarget(target, command: "severity")
            // A dash or a dot alone is no reason: a downgrade must say why.
            return .severity(target, severity, reason: words.optionalRest.flatMap { Self.saysSomething($0) ? $0 : nil })
        case "scope":
            let target = try words.target(of: "scope")
            return .scope(target, text: try words.required(command: "scope", what: "a description of the scope"))
        case "check":
            let target = try words.target(of: "check")
            return .check(target, item: Words.bare(try words.required(command: "check", what: "a checklist item")))
        case "uncheck":
            let target = try words.target(of: "uncheck")
            return .uncheck(target, item: Words.bare(try words.required(command: "uncheck", what: "a checklist item ticked by hand")))
        case "reopen":
            let (target, reason) = try Self.targetAndReason(&words, command: "reopen", what: "what came back")
            return .reopen(target, reason: reason)
        case "withdraw":
            let (target, reason) = try Self.targetAndReason(&words, command: "withdraw", what: "why it was declared by mistake")
            return .withdraw(target, reason: reason)
        case "note":
            let target = try words.target(of: "note")
            // A note stays in the team's timeline: `--public` here would be recorded as words of the note.
            if words.take("--public") {
                throw .invalidValue(command: "note", value: "--public", expected: "for a note, which stays in the team's timeline: `/incident update --public <text>` tells customers")
            }
            return .note(target, text: try words.required(command: "note", what: "the note's text"))
        case "resolve":
            return try resolve(&words)
        case "review":
            return try review(&words)
        case "impact":
            let target = try words.target(of: "impact")
            return .impact(target, text: try words.required(command: "impact", what: "who and what was affected, for how long"))
        case "cause":
            let target = try words.target(of: "cause")
            return .cause(target, text: try words.required(command: "cause", what: "the root cause"))
        case "gap":
            let target = try words.target(of: "gap")
            return .gap(target, text: try words.required(command: "gap", what: "why it wasn't caught sooner"))
        case "action":
            return try action(&words)
        case "actions":
            return .actions(try words.onlyTarget(of: "actions"))
        case "started":
            return try milestone(.impactStarted, command: "started", &words)
        case "mitigated":
            return try milestone(.mitigated, command: "mitigated", &words)
        case "report":
            return .report(try words.onlyTarget(of: "report"))
        case "list", "ls":
            return .list
        case "show", "info":
            return .show(try words.onlyTarget(of: "show"))
        case "timeline", "log":
            return .timeline(try words.onlyTarget(of: "timeline"))
        case "runbook", "runbooks":
            return .runbook(words.optionalRest)
        case "help", "?":
            return .help(words.optionalRest)
        default:
            if Self.looksLikeSeverity(lowered) {
                throw .invalidValue(command: "declare", value: verb, expected: "a severity (p0, p1, p2 or p3)")
            }
            throw .unknownCommand(verb)
        }
    }

    private func declare(severity: Severity, rest: String) throws(CommandRejection) -> IncidentCommand {
        var tokens = rest.split(whereSeparator: \.isWhitespace).map(String.init)
        var kind = IncidentKind.general
        var publicFacing = false
        var kept: [String] = []
        for token in tokens {
            let lowered = token.lowercased()
            if lowered.hasPrefix("kind:") {
                let value = String(lowered.dropFirst(5))
                guard let parsed = IncidentKind(rawValue: value) else {
                    throw .invalidValue(command: "declare", value: token, expected: "a kind (kind:security, kind:billing or kind:data-breach)")
                }
                kind = parsed
            } else {
                kept.append(token)
            }
        }
        // Only the flag, and only at the end: a bare `public` ending a title ("Bucket made public"), or `--public`
        // inside one ("The --public flag is broken"), would have put an internal incident, a security one even, on
        // the status page and its feeds, where it can't be taken back.
        while let last = kept.last, Words.isFlagLoosely(last, "--public") {
            publicFacing = true
            kept.removeLast()
        }
        // First, it is refused rather than guessed at: read as the flag, `--public flag ignored by the CLI` would put
        // an internal incident on the page; read as text, a public one would stay off it.
        if let first = kept.first, Words.isFlagLoosely(first, "--public") {
            throw .invalidValue(command: "declare", value: first, expected: "where the flag goes: at the end of the title (`/incident p2 Search is down --public`)")
        }
        tokens = kept
        let title = tokens.joined(separator: " ")
        guard !title.isEmpty else { throw .missingArgument(command: "declare", what: "a title") }
        try Words.refuseMistypedFlag(in: title, ["--public"])
        return .declare(severity: severity, title: title, kind: kind, publicFacing: publicFacing)
    }

    /// `resolve [#id] [--public] <summary> [--force <reason>]`: with `--public` the summary is also what customers read.
    private func resolve(_ words: inout Words) throws(CommandRejection) -> IncidentCommand {
        let target = try words.target(of: "resolve")
        var isPublic = words.take("--public")
        if isPublic { try words.refuseLateTarget(target, command: "resolve") }
        // `--force` counts only as a word of its own, so "the --force-push hook" stays in the summary.
        try Words.refuseMistypedFlag(in: words.rest, ["--public"])
        var (summary, forceReason) = try Self.splitForce(words.rest, missingReason: .forceNeedsReason)
        // `Works again --pubic --force x`: where the summary ends, before `--force`.
        try Words.refuseMistypedFlag(in: summary, ["--public"])
        if !isPublic { (summary, forceReason, isPublic) = Self.droppingPublic(summary, forceReason: forceReason) }
        guard !summary.isEmpty else { throw .missingArgument(command: "resolve", what: "a summary of the fix") }
        guard forceReason?.isEmpty != true else { throw .forceNeedsReason }
        if isPublic { return .publicStatus(target, phase: .resolved, note: summary, forceReason: forceReason) }
        return .resolve(target, summary: summary, forceReason: forceReason)
    }

    /// A status note or resolution summary without a `--public` typed at its end or at the end of its `--force`
    /// reason (`Freed 200GB --public --force verifying`), and whether one was.
    static func droppingPublic(_ text: String, forceReason: String? = nil) -> (text: String, forceReason: String?, isPublic: Bool) {
        let (summary, inSummary) = Words.droppingTrailing("--public", from: text)
        guard let forceReason else { return (summary, nil, inSummary) }
        let (reason, inReason) = Words.droppingTrailing("--public", from: forceReason)
        return (summary, reason, inSummary || inReason)
    }

    /// `#3 note …` typed the way one says it ("on #3, note …"): the same text with the incident after the command
    /// (after `customers` for `notify`), or `nil` when `id` is not an incident or no command that takes one follows it.
    static func commandNamedAfter(id: String, _ words: Words) -> String? {
        guard Words.startsLikeIncidentID(id) else { return nil }
        var rest = words
        // Only a command the catalogue says takes an incident (its `incident` option).
        guard let word = rest.next(), let spec = CommandCatalogue.spec(named: word), spec.options.contains(.incident) else { return nil }
        if spec.name == "notify", let audience = rest.next() {
            return [word, audience, id, rest.optionalRest].compactMap { $0 }.joined(separator: " ")
        }
        return [word, id, rest.optionalRest].compactMap { $0 }.joined(separator: " ")
    }

    /// `<@U123|name>`, `<@U123>`, `@name` or `me`.
    func mention(_ typed: String) -> PersonMention? {
        // The sentence's punctuation after a name (`@dave.`, `<@U0DAVE|dave>,`) is not part of it.
        let word = Words.bare(typed)
        if word.lowercased() == "me" { return .me }
        if word.hasPrefix("<@"), word.hasSuffix(">") {
            let inner = word.dropFirst(2).dropLast()
            let parts = inner.split(separator: "|", maxSplits: 1).map(String.init)
            // Only a real user id: anything else could smuggle markup (`<!channel>`) into later messages.
            guard let id = parts.first, Self.isUserID(id) else { return nil }
            let name = parts.count > 1 ? parts[1] : nil
            return .person(Participant(platform: platform, id: id, name: name.flatMap { Self.isUserName($0) ? $0 : nil }))
        }
        if word.hasPrefix("@"), word.count > 1 {
            let name = String(word.dropFirst())
            // `@channel`, `@here`, `@all` and `@everyone` would ping everyone on each nudge that names the commander.
            guard Self.isUserName(name), !Self.broadcastNames.contains(name.lowercased()) else { return nil }
            return .person(Participant(platform: platform, id: "@" + name, name: name))
        }
        return nil
    }

    static let broadcastNames: Set<String> = ["channel", "here", "all", "everyone"]

    /// Whether a reason has a letter or a digit in it, not only punctuation (`—`, `.`).
    static func saysSomething(_ text: String) -> Bool {
        text.contains { $0.isLetter || $0.isNumber }
    }

    /// `p5`, `sev9`: meant as a severity, just not one that exists.
    static func looksLikeSeverity(_ word: String) -> Bool {
        let digits = word.hasPrefix("sev") ? word.dropFirst(3) : word.hasPrefix("p") ? word.dropFirst() : Substring("")
        return !digits.isEmpty && digits.allSatisfy(\.isNumber)
    }

    /// User ids are letters and digits only (Slack's `U0ABC123`), so they can't carry markup.
    static func isUserID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Chat user names: letters, digits, `.`, `_`, `-`.
    static func isUserName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 80 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }
    }
}

extension CommandParser {
    /// `[#id] <reason>` of a command that changes which incidents are open (`reopen`, `withdraw`). A trailing `#21`
    /// is refused: read as part of the reason, it would act on the channel's incident instead of #21. (`reopen 21 …`
    /// is told apart by the desk, which knows whether #21 is an incident or "21" starts the reason.) After a word that
    /// relates it to another incident ("duplicate of #21", "same as #21") it is plainly the reason's.
    static func targetAndReason(_ words: inout Words, command: String, what: String) throws(CommandRejection) -> (IncidentTarget, String) {
        let target = try words.target(of: command)
        let reason = try words.required(command: command, what: what)
        let last = reason.split(separator: " ").suffix(2)
        if target == .current, let id = last.last, Words.startsLikeIncidentID(String(id)),
           last.count < 2 || !relating.contains(last.first?.lowercased() ?? "") {
            throw .lateIncidentID(String(id), command: command)
        }
        return (target, reason)
    }

    /// Words after which a trailing `#id` is the incident the reason refers to.
    private static let relating: Set<String> = ["of", "as", "like", "see"]
}
