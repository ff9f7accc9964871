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
        func keeping(_ count: Int) -> String {
            var cut = context
            cut[key] = newest ? Array(items.suffix(count)) : Array(items.prefix(count))
            let left = items.count - count
            return renderer.render(kind, cut) + (newest ? "\n… and \(left) earlier, left out here" : "\n… and \(left) more")
        }
        // The most items that fit (from the start, or from the end); rendering grows with each item, so the search can halve.
        var (low, high) = (0, items.count - 1)
        while low < high {
            let middle = (low + high + 1) / 2
            if keeping(middle).utf16.count <= maxLength { low = middle } else { high = middle - 1 }
        }
        let text = items.isEmpty ? full : keeping(low)
        return text.utf16.count <= maxLength ? text : Self.cut(text, to: maxLength)
    }

    /// Even the heading is too long (a template, not typed text, made it so): cut at a line break, or anywhere.
    static func cut(_ text: String, to maxLength: Int) -> String {
        let marker = "\n…"
        var kept = Substring(text)
        while kept.utf16.count > maxLength - marker.utf16.count, !kept.isEmpty {
            kept = kept.dropLast(max(1, (kept.utf16.count - maxLength + marker.utf16.count) / 2))
        }
        return String(kept) + marker
    }
}
