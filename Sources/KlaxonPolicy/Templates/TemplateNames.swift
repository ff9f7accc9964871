/// The names a template may ask for (`{{title}}`, `{{#ping}}`): a name no fact gives renders as nothing in
/// swift-mustache, so a typo (`{{titel}}`) would send every message without the incident's title, and no test of the
/// policy would say so.
enum TemplateNames {
    /// What Klaxon's facts give: every name the built-in templates use, and the facts they leave unused.
    static let known: Set<String> = Set(TemplateSet.defaults.sources.values.flatMap { names(in: Substring($0)) })
        .union(IncidentFacts.names).union(unusedByDefaults)

    /// Facts of notices that no built-in template asks for: when a scheduled update was first due (`dueAt`), and
    /// which of the review's reminders this is (`reminder`).
    static let unusedByDefaults = ["dueAt", "reminder"]

    /// The names a text's tags ask for: variables, sections and inverted sections (a dotted name by its first part).
    /// Partials, comments and the current item (`{{.}}`) are not names.
    static func names(in text: Substring) -> [String] {
        text.components(separatedBy: "{{").dropFirst().compactMap { rest -> String? in
            guard let end = rest.range(of: "}}") else { return nil }
            var tag = Substring(rest[..<end.lowerBound])
            if tag.first == "{" { tag = tag.dropFirst() }
            tag = tag.drop { $0 == " " }
            guard let sigil = tag.first, !"!>=".contains(sigil) else { return nil }
            if "#^/&".contains(sigil) { tag = tag.dropFirst() }
            var name = tag.trimmingCharacters(in: .whitespaces)
            // A transform (`uppercased(title)`) asks for the name it is given; one of a list's (`first()`), for none.
            if let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
                name = name[name.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            }
            name = name.split(separator: ".").first.map(String.init) ?? ""
            return name.isEmpty ? nil : name
        }
    }

    /// Names in `text` that no fact gives, each with its line and the known name it was likely meant to be.
    static func unknown(in text: String) -> [(line: Int, name: String, meant: String?)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
            // Each once a line: a title asked for twice on it is one mistake.
            names(in: line).filter { !known.contains($0) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.map { name in
                let nearest = known.sorted().min { distance(name, $0) < distance(name, $1) }
                return (index + 1, name, nearest.flatMap { distance(name, $0) <= 2 ? $0 : nil })
            }
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
