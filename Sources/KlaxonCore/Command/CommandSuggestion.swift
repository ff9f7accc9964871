/// The commands a mistyped word was probably meant as (`comander`, `mitigate`, `start`): the names and aliases it
/// begins, or is one or two edits from. A tired engineer in the middle of an incident gets the right command back
/// instead of having to open the help.
enum CommandSuggestion {
    /// Words longer than this are not typos of a command (and are not worth comparing).
    static let longestWord = 20

    /// Up to three names, in the catalogue's order; none for a word too short, too long, or too far from every name.
    static func names(for typed: String) -> [String] {
        let word = Array(typed.lowercased().unicodeScalars)
        guard (3...longestWord).contains(word.count) else { return [] }
        let allowed = word.count >= 6 ? 2 : 1
        var found: [String] = []
        for spec in CommandCatalogue.all {
            let names = [spec.name] + spec.listedAliases
            let near = names.contains { name in
                let candidate = Array(name.unicodeScalars)
                return candidate.starts(with: word) || distance(word, candidate, atMost: allowed) <= allowed
            }
            if near, !found.contains(spec.name) { found.append(spec.name) }
        }
        return Array(found.prefix(3))
    }

    /// The edit distance (insertions, deletions, substitutions), or `atMost + 1` once it is certain to be larger.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            guard current.min()! <= limit else { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
