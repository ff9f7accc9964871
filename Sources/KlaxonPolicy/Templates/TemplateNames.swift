import Foundation

/// The names a template may ask for (`{{title}}`, `{{#ping}}`): a name no fact gives renders as nothing in
/// swift-mustache, so a typo (`{{titel}}`) would send every message without the incident's title, and no test of the
/// policy would say so.
enum TemplateNames {
    /// What Klaxon's facts give: every name the built-in templates use, and the facts they leave unused.
    static let known: Set<String> = Set(TemplateSet.defaults.sources.values.flatMap { names(in: $0).map(\.name) })
        .union(IncidentFacts.names).union(unusedByDefaults)

    /// Facts of notices that no built-in template asks for: when a scheduled update was first due (`dueAt`), and
    /// which of the review's reminders this is (`reminder`).
    static let unusedByDefaults = ["dueAt", "reminder"]

    /// The names a template's tags ask for, with their lines: variables, sections and inverted sections (a dotted name
    /// by its first part, a transform by the name it is given). Comments, partials, parents and blocks, closers,
    /// configuration tags and the current item (`{{.}}`) name nothing; a delimiter change (`{{=<% %>=}}`) is followed.
    static func names(in text: String) -> [(line: Int, name: String)] {
        var (open, close) = ("{{", "}}")
        var found: [(line: Int, name: String)] = []
        var line = 1
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            line += rest[..<start.lowerBound].count { $0 == "\n" }
            var body = rest[start.upperBound...]
            var closing = close
            // `{{{name}}}`: unescaped, with its own closing brace.
            if open == "{{", body.first == "{" {
                body = body.dropFirst()
                closing = "}" + close
            }
            guard let end = body.range(of: closing) else { break }
            let tag = body[..<end.lowerBound]
            rest = body[end.upperBound...]
            let tagLine = line
            line += tag.count { $0 == "\n" }
            let trimmed = tag.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let sigil = trimmed.first else { continue }
            if sigil == "=" {
                let delimiters = trimmed.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                if delimiters.count == 2 { (open, close) = (String(delimiters[0]), String(delimiters[1])) }
                continue
            }
            guard !"!></%$".contains(sigil) else { continue }
            if let name = name(in: "#^&".contains(sigil) ? trimmed.dropFirst() : Substring(trimmed)) { found.append((tagLine, name)) }
        }
        return found
    }

    /// The data a tag's text names: `title`, `incident.title` → `incident`, `uppercased(reversed(title))` → `title`,
    /// `first()` → none.
    private static func name(in tag: Substring) -> String? {
        var name = tag.trimmingCharacters(in: .whitespacesAndNewlines)[...]
        if let open = name.lastIndex(of: "(") {
            let argument = name[name.index(after: open)...]
            name = argument[..<(argument.firstIndex(of: ")") ?? argument.endIndex)]
        }
        let first = name.trimmingCharacters(in: .whitespaces).split(separator: ".").first.map(String.init) ?? ""
        return first.isEmpty ? nil : first
    }

    /// Names in `text` that no fact gives, each once a line, with the known name it was likely meant to be.
    static func unknown(in text: String) -> [(line: Int, name: String, meant: String?)] {
        var reported: Set<String> = []
        return names(in: text).filter { !known.contains($0.name) && reported.insert("\($0.line) \($0.name)").inserted }.map { line, name in
            let nearest = known.sorted().min { distance(name, $0) < distance(name, $1) }
            return (line, name, nearest.flatMap { distance(name, $0) <= 2 ? $0 : nil })
        }
    }

    /// Edit distance where swapping two neighbouring letters is one edit (`titel` is one from `title`, two from
    /// `item`): typing mistakes, for "did you mean".
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }
}
