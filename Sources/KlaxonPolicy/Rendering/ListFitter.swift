import KlaxonCore

/// Renders a list-like answer (open incidents, a timeline, the runbooks) within a platform's length limit: as many of
/// its items as fit, then "… and N more". Never cut to nothing: the heading and the count of what was left out stay.
/// A timeline keeps its newest entries instead: in the middle of an incident they are the ones that matter.
struct ListFitter {
    let renderer: MessageRenderer
    /// In UTF-16 code units.
    let maxLength: Int

    /// The answer with all of `context[key]`'s items if it fits, else with as many as fit: the first ones, or the
    /// last ones when `newest`. `total` counts items beyond those given (a list read only as far as an answer can
    /// show); the rest are then counted as left out.
    func text(_ kind: MessageKind, _ context: [String: Any], items key: String, newest: Bool = false, total: Int? = nil) -> String {
        let items = context[key] as? [Any] ?? []
        let total = max(total ?? items.count, items.count)
        // A short list whole, the common case; a long one is never rendered whole (a timeline of thousands of notes).
        if total == items.count, items.count <= Self.renderedWholeAtMost {
            let full = renderer.render(kind, context)
            guard full.utf16.count > maxLength else { return full }
            guard !items.isEmpty else { return Self.cut(full, to: maxLength) }
        }
        /// The answer with `count` items, and the line counting the rest.
        func keeping(_ count: Int) -> (body: String, left: String) {
            var cut = context
            cut[key] = newest ? Array(items.suffix(count)) : Array(items.prefix(count))
            let left = total - count
            guard left > 0 else { return (renderer.render(kind, cut), "") }
            return (renderer.render(kind, cut), newest ? "\n… and \(left) earlier, left out here" : "\n… and \(left) more")
        }
        func fits(_ count: Int) -> Bool {
            let text = keeping(count)
            return text.body.utf16.count + text.left.utf16.count <= maxLength
        }
        // The most items that fit (from the start, or from the end). Rendering grows with each item, so the search
        // doubles from one until an answer is too long, then halves: its renders are the size of the answer, not the list.
        var (low, high, probe) = (0, items.count, 1)
        while probe <= high {
            if fits(probe) { (low, probe) = (probe, probe * 2) } else { high = probe - 1 }
        }
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(middle) { low = middle } else { high = middle - 1 }
        }
        // Not even one item fits (one long update): that one (the newest, in a timeline) is shown cut, rather than none.
        let (body, left) = keeping(max(low, 1))
        guard body.utf16.count + left.utf16.count > maxLength else { return body + left }
        return Self.cut(body, to: maxLength - left.utf16.count) + left
    }

    /// Lists longer than this are fitted from their start: rendered whole, they would cost the whole list every time.
    static let renderedWholeAtMost = 64

    /// Text too long even with one item (a long update, or a heading a template made long): cut between words, and marked.
    static func cut(_ text: String, to maxLength: Int) -> String {
        let marker = " …"
        let kept = UTF16Cut.prefix(text, units: maxLength - marker.utf16.count)
        guard let space = UTF16Cut.lastBreak(in: kept, where: { $0 == " " || $0 == "\n" }) else { return kept + marker }
        return kept[..<space] + marker
    }
}
