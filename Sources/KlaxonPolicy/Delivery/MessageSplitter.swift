/// Splits a message for platforms with a size limit (Slack sections, Discord messages), at line breaks where it can.
public enum MessageSplitter {
    /// Parts of at most `limit` characters that join back (with newlines) into the text.
    public static func split(_ text: String, limit: Int) -> [String] {
        var parts: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(line)
            while line.count > limit {
                if !current.isEmpty {
                    parts.append(current)
                    current = ""
                }
                parts.append(String(line.prefix(limit)))
                line = line.dropFirst(limit)
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
}
