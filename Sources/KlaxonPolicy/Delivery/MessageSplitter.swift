/// Splits a message for platforms with a size limit (Slack sections, Discord messages), at line breaks where it can.
public enum MessageSplitter {
    /// Parts of at most `limit` characters that join back (with newlines) into the text, but for the space at which a
    /// line too long for one part was cut, and the quote mark that carries a cut quoted line on into the next part.
    public static func split(_ text: String, limit: Int) -> [String] {
        var parts: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(line)
            // A long update is one quoted line: its continuation stays a quote, not plain text after the first part.
            let mark = line.hasPrefix(quoteMark) && limit > quoteMark.count * 2 ? quoteMark : ""
            while line.count > limit {
                if !current.isEmpty {
                    parts.append(current)
                    current = ""
                }
                let (part, rest) = cut(line, limit: limit)
                parts.append(String(part))
                line = Substring(mark + rest)
            }
            let candidate = current.isEmpty ? String(line) : current + "\n" + line
            if candidate.count > limit {
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
    /// split in two; a line with no space in the second half of the limit (a URL, a hash) is cut at the limit.
    static func cut(_ line: Substring, limit: Int) -> (part: Substring, rest: Substring) {
        let end = line.index(line.startIndex, offsetBy: limit)
        let half = line.index(line.startIndex, offsetBy: limit / 2)
        guard let space = line[half..<end].lastIndex(where: { $0 == " " }) else { return (line[..<end], line[end...]) }
        return (line[..<space], line[line.index(after: space)...])
    }
}
