import KlaxonCore

/// Renders a list-like answer (open incidents, a timeline, the runbooks) within a platform's length limit: as many of
/// its items as fit, then "… and N more". Never cut to nothing: the heading and the count of what was left out stay.
/// A timeline keeps its newest entries instead: in the middle of an incident they are the ones that matter.
struct ListFitter {
    let renderer: MessageRenderer
    /// In UTF-16 code units.
    let maxLength: Int

    /// The answer with all of `context[key]`'s items if it fits, else with as many as fit: the first ones, or the
    /// last ones when `newest`.
    func text(_ kind: MessageKind, _ context: [String: Any], items key: String, newest: Bool = false) -> String {
        let full = renderer.render(kind, context)
        guard full.utf16.count > maxLength else { return full }
        let items = context[key] as? [Any] ?? []
        guard !items.isEmpty else { return Self.cut(full, to: maxLength) }
        /// The answer with `count` items, and the line counting the rest.
        func keeping(_ count: Int) -> (body: String, left: String) {
            var cut = context
            cut[key] = newest ? Array(items.suffix(count)) : Array(items.prefix(count))
            let left = items.count - count
            guard left > 0 else { return (renderer.render(kind, cut), "") }
            return (renderer.render(kind, cut), newest ? "\n… and \(left) earlier, left out here" : "\n… and \(left) more")
        }
        // The most items that fit (from the start, or from the end); rendering grows with each item, so the search can halve.
        var (low, high) = (0, items.count - 1)
        while low < high {
            let middle = (low + high + 1) / 2
            let text = keeping(middle)
            if text.body.utf16.count + text.left.utf16.count <= maxLength { low = middle } else { high = middle - 1 }
        }
        // Not even one item fits (one long update): that one (the newest, in a timeline) is shown cut, rather than none.
        let (body, left) = keeping(max(low, 1))
        guard body.utf16.count + left.utf16.count > maxLength else { return body + left }
        return Self.cut(body, to: maxLength - left.utf16.count) + left
    }

    /// Text too long even with one item (a long update, or a heading a template made long): cut between words, and marked.
    static func cut(_ text: String, to maxLength: Int) -> String {
        let marker = " …"
        let kept = UTF16Cut.prefix(text, units: maxLength - marker.utf16.count)
        guard let space = UTF16Cut.lastBreak(in: kept, where: { $0 == " " || $0 == "\n" }) else { return kept + marker }
        return kept[..<space] + marker
    }
}
