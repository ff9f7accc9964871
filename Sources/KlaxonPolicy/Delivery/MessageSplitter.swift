/// Splits a message for platforms with a size limit (Slack sections, Discord messages), at line breaks where it can.
/// Lengths are counted as Discord and Slack count them, in UTF-16 units: an emoji is two, so 1,500 of them are 3,000
/// (counted as characters, such an update went out as one part over Discord's 2,000, refused, and was lost).
public enum MessageSplitter {
    /// Parts of at most `limit` UTF-16 units that join back (with newlines) into the text, but for the space at which
    /// a line too long for one part was cut, and the quote mark that carries a cut quoted line on into the next part.
    public static func split(_ text: String, limit: Int) -> [String] {
        var parts: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(line)
            // A long update is one quoted line: its continuation stays a quote, not plain text after the first part.
            let mark = line.hasPrefix(quoteMark) && limit > quoteMark.utf16.count * 2 ? quoteMark : ""
            while line.utf16.count > limit {
                if !current.isEmpty {
                    parts.append(current)
                    current = ""
                }
                let (part, rest) = cut(line, limit: limit)
                parts.append(String(part))
                line = Substring(mark + rest)
            }
            let candidate = current.isEmpty ? String(line) : current + "\n" + line
            if candidate.utf16.count > limit {
                parts.append(current)
                current = String(line)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty || parts.isEmpty { parts.append(current) }
        return parts
    }

    static let quoteMark = "> "

    /// A line too long for one part, cut at its last space within the limit (the space goes), so that no word is
    /// split in two; a line with no space in the second half of the limit (a URL, a hash, a run of emoji) is cut
    /// at the limit, between whole characters.
    static func cut(_ line: Substring, limit: Int) -> (part: Substring, rest: Substring) {
        let kept = UTF16Cut.prefix(line, units: limit)
        guard let space = UTF16Cut.lastBreak(in: kept, where: { $0 == " " }) else { return (kept, line[kept.endIndex...]) }
        return (kept[..<space], line[line.index(after: space)...])
    }
}
