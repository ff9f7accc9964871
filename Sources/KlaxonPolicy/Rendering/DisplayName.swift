/// A person's name as a request gave it (a display name, a nickname, a username), made safe to show after an `@` in
/// any dialect: whoever chose the name cannot make it a broadcast, a link or a fake line of its own.
public enum DisplayName {
    /// Names every platform reads as "notify everyone" after an `@`.
    static let broadcasts: Set<String> = ["channel", "here", "all", "everyone"]

    /// The name on one line: each run of line breaks and control characters becomes one space, so an embedded newline
    /// cannot start a fake quoted line.
    public static func oneLine(_ name: some StringProtocol) -> String {
        var line = ""
        line.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for character in name {
            if character.isNewline || character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                pendingSpace = !line.isEmpty
                continue
            }
            if pendingSpace { line.append(" ") }
            pendingSpace = false
            line.append(character)
        }
        return line
    }

    /// The name to write after an `@` where the platform will not link it: on one line, with a zero-width space after
    /// each `@` inside it and before a broadcast name, so neither `@here` nor `bob @here` notifies anyone.
    public static func afterAt(_ name: some StringProtocol) -> String {
        let trimmed = name.trimmingPrefix("@")
        // Most names are printable ASCII without an `@`: nothing to join or break (and this runs for every name in
        // every reply, where the general path showed in profiles).
        if trimmed.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "@") }) {
            let plain = String(trimmed)
            return broadcasts.contains(plain.lowercased()) ? "\u{200B}" + plain : plain
        }
        let line = oneLine(trimmed)
        let broken = line.replacing("@", with: "@\u{200B}")
        return broadcasts.contains(broken.lowercased()) ? "\u{200B}" + broken : broken
    }

    /// Whether `@name` mentions one account: a username's letters, digits, `.`, `_` and `-` only, and no broadcast.
    public static func isUsername(_ name: some StringProtocol) -> Bool {
        !name.isEmpty && name.count <= 64 && !broadcasts.contains(name.lowercased())
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }
    }
}
