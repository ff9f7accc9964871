import KlaxonCore

/// The commands Klaxon's texts suggest (`/incident resolve #1 <summary> --force <reason>`) are written in the text
/// grammar of Slack and Mattermost, which cannot be typed on Discord. Every text shown on Discord has the commands in
/// its code spans rewritten into Discord's options (`/incident resolve summary:<summary> force:<reason> incident:#1`),
/// so the refusals, hints and messages are written once, for every platform.
extension DiscordCommandSyntax {
    /// `text` with every code span that holds an `/incident` command rewritten in Discord's syntax.
    public static func translatingCommands(in text: String) -> String {
        guard text.contains("`/\(DiscordInteraction.commandName)") || text.contains("`--") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = delimiter(in: rest) {
            result += rest[..<open]
            let inside = rest[rest.index(after: open)...]
            guard let close = delimiter(in: inside) else {
                rest = rest[open...]
                break
            }
            let span = inside[..<close]
            result += "`" + (span.hasPrefix("/\(DiscordInteraction.commandName)") ? translate(String(span)) : flag(span) ?? String(span)) + "`"
            rest = inside[inside.index(after: close)...]
        }
        return result + rest
    }

    /// A flag named alone (`or use update without \`--public\``) as Discord's option: `public:true`, `force:<reason>`.
    private static func flag(_ span: Substring) -> String? {
        guard span.hasPrefix("--") else { return nil }
        let words = span.dropFirst(2).split(separator: " ", maxSplits: 1)
        guard let name = words.first, ["public", "force", "again", "preview"].contains(String(name)) else { return nil }
        return "\(name):" + (words.count > 1 ? String(words[1]) : name == "force" ? "<reason>" : "true")
    }

    /// The first backtick that delimits a code span: one escaped in typed text (`\``) is text.
    private static func delimiter(in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "`", index == text.startIndex || text[text.index(before: index)] != "\\" { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// One command in the text grammar, in Discord's: its group and subcommand, then its options by name, the incident
    /// last. Words the grammar reads specially (`me`, `done`, `schedule`, `customers`, `--force <reason>`) become the
    /// options Discord has for them; a command the catalogue doesn't know is left as it is.
    static func translate(_ command: String) -> String {
        if let spec = CommandCatalogue.all.first(where: { $0.usage == command }) { return usage(spec) }
        // Already Discord's (help's usage lines, or a text translated once).
        if command.contains("(optional:") { return command }
        // An optional flag group of a usage line (`[--force <reason>]`) is read as its words.
        var words = tokens(command).dropFirst().flatMap { word in
            word.hasPrefix("[--") && word.hasSuffix("]") ? tokens(String(word.dropFirst().dropLast())) : [word]
        }[...]
        guard var name = words.first else { return command }
        words = words.dropFirst()
        var values: [String: String] = [:]
        // `/incident p0 <title>`, `/incident p0|p1|p2|p3 <title>`: a declaration named by its severity.
        if Severity(text: name) != nil || name.contains("|") {
            values["severity"] = name
            name = "declare"
        }
        guard let spec = CommandCatalogue.spec(named: name) else { return command }
        /// The option a word names as `name:value` (`[team:<team>]` in a usage line too), and its value.
        func named(_ word: String) -> (CommandOption, String)? {
            let bare = word.hasPrefix("[") && word.hasSuffix("]") ? String(word.dropFirst().dropLast()) : word
            guard let colon = bare.firstIndex(of: ":"), let option = spec.option(named: String(bare[..<colon])) else { return nil }
            return (option, String(bare[bare.index(after: colon)...]))
        }
        var incident: String?
        var positional: [String] = []
        while let word = words.first {
            words = words.dropFirst()
            if incident == nil, word.hasPrefix("#") || word == "[#id]" {
                incident = word == "[#id]" ? "#id" : word
            } else if word.hasPrefix("--"), let option = spec.option(named: String(word.dropFirst(2))) {
                // A flag is `true`; `--force <reason>` takes the words up to the next flag.
                guard option.kind != .flag else {
                    values[option.name] = "true"
                    continue
                }
                let value = words.prefix { !$0.hasPrefix("--") }
                words = words.dropFirst(value.count)
                values[option.name] = value.isEmpty ? "<reason>" : value.joined(separator: " ")
            } else if let (option, value) = named(word) {
                // Discord's own `text:Rolled back the deploy`: the value runs on to the next option.
                let more = words.prefix { named($0) == nil && !$0.hasPrefix("--") }
                words = words.dropFirst(more.count)
                values[option.name] = ([value] + more).joined(separator: " ")
            } else if let option = spec.options.first(where: { option in
                !option.choices.isEmpty && values[option.name] == nil && !option.required
                    && (option.choices.contains { $0.value == word } || word.split(separator: "|").allSatisfy { part in option.choices.contains { $0.value == part } })
            }) {
                // An optional choice written out (`degraded|partial|major|operational`, `major`) is that option's.
                values[option.name] = word
            } else {
                positional.append(word)
            }
        }
        special(spec, &positional, &values)
        // The rest fill the command's required options in order, the last taking every word left (a command with
        // none required takes them as its first text option), and then the one optional text that follows them.
        var targets = spec.options.filter { $0.required && values[$0.name] == nil }.map(\.name)
        if targets.isEmpty, let first = spec.options.first(where: { $0.kind == .text && $0.choices.isEmpty && $0.name != "incident" && values[$0.name] == nil }) {
            targets = [first.name]
        }
        if let after = trailingText[spec.name], values[after] == nil { targets.append(after) }
        for (index, target) in targets.enumerated() where !positional.isEmpty {
            let taken = index == targets.count - 1 ? positional.count : 1
            values[target] = positional.prefix(taken).joined(separator: " ")
            positional.removeFirst(taken)
        }
        if let incident { values["incident"] = incident }
        let options = spec.options.compactMap { option in values[option.name].map { "\(option.name):\($0)" } }
        return (path(spec) + options).joined(separator: " ")
    }

    /// Commands whose text grammar takes an optional text after their required value: `severity #1 p1 <reason>`.
    private static let trailingText = ["severity": "reason", "status": "note"]

    /// The words of the text grammar that stand for an option of Discord's.
    private static func special(_ spec: CommandSpec, _ words: inout [String], _ values: inout [String: String]) {
        switch spec.name {
        case "commander":
            // Discord's `user` is the sender when left out.
            // `me`, or the usage's `@user|me` (anyone, or yourself): leaving `user` out is yourself on Discord.
            if words.first == "me" || words.first?.contains("|") == true { words.removeFirst() } else if let person = words.first { values["user"] = person; words.removeFirst() }
        case "review":
            if words.first == "done" { words.removeFirst(); values["done"] = "true" }
            if words.first == "schedule" { words.removeFirst() }
            if !words.isEmpty { values["when"] = words.joined(separator: " "); words = [] }
        case "action":
            if words.first == "done" {
                words.removeFirst()
                values["done"] = words.joined(separator: " ")
                words = []
            } else if let owner = words.first, owner.hasPrefix("@") || owner.hasPrefix("<@") {
                values["owner"] = owner
                words.removeFirst()
            }
        default:
            break
        }
    }

    /// The command's words; `<what came back>` and `[title for customers]` are one word each.
    static func tokens(_ command: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var depth = 0
        for character in command {
            if character == "<" || character == "[" { depth += 1 }
            if character == ">" || character == "]" { depth = max(0, depth - 1) }
            if character == " ", depth == 0 {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
