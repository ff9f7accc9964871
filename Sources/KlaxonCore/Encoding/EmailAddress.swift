/// What Klaxon accepts as an email address, wherever an operator writes one (the sender, the people file).
public enum EmailAddress {
    /// Refuses what would break the SMTP envelope or a header; a one-label domain (`klaxon@localhost`, a relay on
    /// the LAN) and an address literal (`k@[10.0.0.5]`) are addresses as much as any.
    public static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !address.contains(where: { $0.isWhitespace || $0.isASCII && $0.asciiValue! < 0x20 || "<>,;\"()\\".contains($0) }) else {
            return false
        }
        let domain = parts[1]
        if domain.hasPrefix("["), domain.hasSuffix("]"), domain.count > 2 {
            return !domain.dropFirst().dropLast().contains { $0 == "[" || $0 == "]" }
        }
        return !domain.contains { $0 == "[" || $0 == "]" } && !domain.split(separator: ".", omittingEmptySubsequences: false).contains { $0.isEmpty }
    }
}
