/// The commands about what the public status page says: `--public` on `update` and `status`, `public`, `private`,
/// `eta` and `affects`.
extension CommandParser {
    /// `update [#id] [--public] <text>`.
    func update(_ words: inout Words) throws(CommandRejection) -> IncidentCommand {
        let target = try words.target(of: "update")
        var isPublic = words.take("--public")
        try words.refuseLateTarget(target, command: "update")
        var text = try words.required(command: "update", what: "the update text")
        try Words.refuseMistypedFlag(in: text, ["--public"])
        let (kept, atTheEnd) = Words.droppingTrailing("--public", from: text)
        (text, isPublic) = (kept, isPublic || atTheEnd)
        guard !text.isEmpty else { throw .missingArgument(command: "update", what: "the update text") }
        return isPublic ? .publicUpdate(target, text: text) : .update(target, text: text)
    }

    /// `status [#id] <phase> [--public <note>]`; resolving with a note for the page may be forced (`--force <reason>`).
    func status(_ words: inout Words) throws(CommandRejection) -> IncidentCommand {
        let target = try words.target(of: "status")
        guard let word = words.next() else { throw .missingArgument(command: "status", what: "a status") }
        // `status 2 monitoring`: #2's number without its `#`, then the status.
        if target == .current, Words.isBareNumber(word), let next = words.rest.split(separator: " ").first,
           StatusPhase(rawValue: next.lowercased()) != nil {
            throw .bareIncidentNumber(word, command: "status")
        }
        guard let phase = StatusPhase(rawValue: Words.bare(word).lowercased()) else {
            throw .invalidValue(command: "status", value: word, expected: "a status (investigating, identified, monitoring or resolved)")
        }
        try words.refuseLateTarget(target, command: "status")
        try Words.refuseMistypedFlag(in: words.rest, ["--public"])
        let text: String
        if words.take("--public") {
            try words.refuseLateTarget(target, command: "status")
            text = try words.required(command: "status", what: "a note for the status page after `--public`")
        } else {
            // `--public` at the end, as a declaration takes it.
            let (note, _, isPublic) = Self.droppingPublic(words.rest)
            guard isPublic else { return .status(target, phase: phase, note: words.optionalRest) }
            text = note
        }
        guard phase == .resolved else { return .publicStatus(target, phase: phase, note: text) }
        let (note, forceReason) = try Self.splitForce(text, missingReason: .forceNeedsReason)
        guard !note.isEmpty else { throw .missingArgument(command: "status", what: "a note for the status page after `--public`") }
        return .publicStatus(target, phase: .resolved, note: note, forceReason: forceReason)
    }

    func publicCommand(_ verb: String, _ words: inout Words) throws(CommandRejection) -> IncidentCommand {
        let target = try words.target(of: verb)
        switch verb {
        case "public":
            return .makePublic(target, title: words.optionalRest)
        case "private":
            // Nothing follows but the incident: `private 2` is #2's.
            var rest = words
            let named = target == .current ? try rest.onlyTarget(of: "private") : target
            guard rest.optionalRest == nil else { throw .invalidValue(command: "private", value: rest.rest, expected: "an incident like #3, or nothing") }
            return .makePrivate(named)
        case "eta":
            let text = try words.required(command: "eta", what: "when a fix is expected (`30m`, `14:30`, `2026-11-30 10:00` or `clear`)")
            return .eta(target, try Self.estimatedTime(text))
        default:
            return try affects(target, &words)
        }
    }

    /// `notify customers [#id] [--preview] [--again]`; the incident and the flags in any order after `customers`.
    func notify(_ words: inout Words) throws(CommandRejection) -> IncidentCommand {
        guard let audience = words.next() else { throw .missingArgument(command: "notify", what: "who to notify (`customers`)") }
        guard audience.lowercased() == "customers" else {
            throw .invalidValue(command: "notify", value: audience, expected: "`customers` (the team hears through the incident's channel)")
        }
        var target = IncidentTarget.current
        var preview = false
        var again = false
        while true {
            if case .incident = target {} else { target = try words.target(of: "notify") }
            guard let word = words.next() else { break }
            if Words.isFlag(word, "--preview") {
                preview = true
            } else if Words.isFlag(word, "--again") {
                again = true
            } else {
                throw .invalidValue(command: "notify", value: word, expected: "`--preview`, `--again` or an incident like #3")
            }
        }
        return .notifyCustomers(target, preview: preview, again: again)
    }

    /// `affects [#id] uploads,auth [degraded|partial|major|operational]`.
    private func affects(_ target: IncidentTarget, _ words: inout Words) throws(CommandRejection) -> IncidentCommand {
        let tokens = words.rest.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !tokens.isEmpty else { throw .missingArgument(command: "affects", what: "the components affected (e.g. `uploads,auth`)") }
        var names = tokens
        var impact: ComponentImpact?
        // `operational`: the component recovered while the incident goes on.
        if tokens.count > 1, let level = ComponentImpact(word: tokens[tokens.count - 1]) {
            impact = level
            names.removeLast()
        }
        let components = names.joined(separator: ",").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !components.isEmpty else { throw .missingArgument(command: "affects", what: "the components affected (e.g. `uploads,auth`)") }
        return .affects(target, components: components, impact: impact)
    }

    static func estimatedTime(_ text: String) throws(CommandRejection) -> EstimatedTime {
        guard let eta = EstimatedTime(text: text) else {
            throw .invalidValue(command: "eta", value: text, expected: "a time from now like `30m`, a UTC time like `14:30` or `2026-11-30 10:00` (or your own with its offset: `16:30 +02:00`), or `clear`")
        }
        return eta
    }

    /// The impact named in Discord's `impact` option.
    static func impact(_ text: String?) throws(CommandRejection) -> ComponentImpact? {
        guard let text else { return nil }
        guard let impact = ComponentImpact(word: text) else {
            throw .invalidValue(command: "affects", value: text, expected: "an impact (degraded, partial, major or operational)")
        }
        return impact
    }
}

extension Words {
    /// Consumes the next word if it is `flag` (see `isFlag`).
    mutating func take(_ flag: String) -> Bool {
        var copy = self
        guard let word = copy.next(), Self.isFlagLoosely(word, flag) else { return false }
        self = copy
        return true
    }

    /// `text` without `flag` as its last word, and whether it was there: `update Disk full --public`, typed as a
    /// declaration takes it, must not post to the team only while they believe customers see it.
    static func droppingTrailing(_ flag: String, from text: String) -> (text: String, found: Bool) {
        var text = text
        var found = false
        // Typed twice (`--public … --public`), it is still a flag, never text for customers.
        while let last = text.split(whereSeparator: \.isWhitespace).last, isFlagLoosely(last, flag) {
            text = String(text[..<last.startIndex]).trimmingCharacters(in: .whitespacesAndNewlines)
            found = true
        }
        return (text, found)
    }

    /// Whether `word` is `flag` (`--public`), in any case, also as a phone's or a Mac's smart punctuation types it:
    /// `—public` or `–public`, the two hyphens made one dash. A flag typed so must not become a word of the text
    /// (an incident meant for the status page kept off it). Only ever asked of a word where a flag may stand, so
    /// the text itself is never rewritten.
    static func isFlag(_ word: some StringProtocol, _ flag: String) -> Bool {
        if word.lowercased() == flag { return true }
        // Scalars, not Characters: comparing a Character with a non-ASCII one takes Unicode's slow path.
        guard let first = word.unicodeScalars.first, first == "\u{2014}" || first == "\u{2013}", flag.hasPrefix("--") else { return false }
        return String(String.UnicodeScalarView(word.unicodeScalars.dropFirst())).lowercased() == flag.dropFirst(2)
    }

    /// `isFlag`, or the flag with one hyphen (`-public`) or the sentence's punctuation on it (`--public.`,
    /// `(--public)`). Only for `--public` where it stands first or last: `--force` is looked for among the words of
    /// a summary, where `Restart-Service -Force,` or `(helm --force, …)` are text.
    static func isFlagLoosely(_ word: some StringProtocol, _ flag: String) -> Bool {
        isFlag(word, flag) || (flag.hasPrefix("--") && flagName(word) == String(flag.dropFirst(2)))
    }

    /// The name of a word written as a flag: after its dashes (`--`, `-`, `---`, `—` or `–`) and without the quotes,
    /// brackets or punctuation around it, in lower case; `nil` for a word that does not start with a dash.
    static func flagName(_ word: some StringProtocol) -> String? {
        var scalars = Substring(Words.bare(word)).unicodeScalars[...]
        guard let first = scalars.first, first == "-" || first == "\u{2014}" || first == "\u{2013}" else { return nil }
        while let dash = scalars.first, dash == "-" || dash == "\u{2014}" || dash == "\u{2013}" { scalars = scalars.dropFirst() }
        guard !scalars.isEmpty, scalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        return String(String.UnicodeScalarView(scalars)).lowercased()
    }

    /// The first or last word of `text`, where a flag stands, when it looks like one of `flags` mistyped (`--pubic`,
    /// `--forse`), with the flag it looks like. Read as text, a typo of `--public` declares an internal incident, and
    /// typing the command again pages everyone a second time.
    static func mistypedFlag(in text: String, _ flags: [String]) -> (word: String, flag: String)? {
        // Most texts have no dash at all (0xE2 leads an en or em dash in UTF-8): splitting them into words by
        // Characters was 1% of a declaration's instructions.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == 0xE2 }) else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace)
        return mistypedFlag(among: [words.first, words.last].compactMap { $0 }, flags)
    }

    /// The first of `words` that looks like one of `flags` mistyped, with that flag: one letter wrong, missing,
    /// added, or two swapped (`--publish` and `--source` are other options, not typos).
    static func mistypedFlag(among words: [Substring], _ flags: [String]) -> (word: String, flag: String)? {
        for word in words {
            guard let name = flagName(word), name.count >= 3 else { continue }
            let typed = Array(name.unicodeScalars)
            for flag in flags where !isFlagLoosely(word, flag) {
                if typoDistance(typed, Array(flag.dropFirst(2).unicodeScalars)) <= 1 { return (String(word), flag) }
            }
        }
        return nil
    }

    /// Edits between two short words, a swap of neighbours counting as one (optimal string alignment).
    static func typoDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard abs(a.count - b.count) <= 1 else { return 2 }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }

    /// Refuses a text whose first or last word looks like one of `flags` mistyped.
    static func refuseMistypedFlag(in text: String, _ flags: [String]) throws(CommandRejection) {
        if let (word, flag) = mistypedFlag(in: text, flags) { throw .mistypedFlag(word, flag: flag) }
    }
}
