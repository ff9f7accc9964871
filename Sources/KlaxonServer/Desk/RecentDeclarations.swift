import Foundation
import KlaxonCore

/// The incidents this desk declared in the last few minutes, by title. Two responders who see the same alert type the
/// same title within a minute of each other, in the same channel or not (their team's, another platform's): the
/// second declaration would page everyone again in the incidents channels, escalate again and open a second
/// status-page entry. It is refused while the first is open (`IncidentDesk`).
///
/// A memory of this process only: with several replicas, a declaration taken by another replica is not seen.
struct RecentDeclarations {
    /// How long a declaration is remembered.
    static let window: TimeInterval = 600
    /// The most remembered at once: a burst of declarations (a benchmark, an alert storm) keeps the newest.
    static let limit = 1_000

    /// A title and a kind as compared, in any channel; also the key of a declaration's turn (`IncidentDesk`). A
    /// security incident under a general incident's title is not the same one; and a security or data-breach
    /// incident is matched only in its own channel, or the refusal would tell anyone who types its title where a
    /// restricted incident is being worked.
    struct Key: Hashable {
        let title: String
        let kind: IncidentKind
        /// The channel, for a restricted kind only (its platform and id: a name can change).
        let restrictedTo: String?

        init(_ title: String, kind: IncidentKind, channel: ChannelRef) {
            self.title = RecentDeclarations.comparable(title)
            self.kind = kind
            restrictedTo = [.security, .dataBreach].contains(kind) ? "\(channel.platform):\(channel.id)" : nil
        }
    }

    private var latest: [Key: (id: IncidentID, at: Date)] = [:]
    /// Remembers a declaration read back from the store at start-up (its incident's first event).
    mutating func note(_ id: IncidentID, declared event: IncidentEvent) {
        guard let incident = Incident(id: id, events: [event]) else { return }
        note(incident)
    }
    /// The same entries, oldest first, for forgetting them in order.
    private var order: [(key: Key, at: Date)] = []
    private var start = 0

    /// Remembers a declared incident.
    mutating func note(_ incident: Incident) {
        let key = Key(incident.title, kind: incident.kind, channel: incident.channel)
        latest[key] = (incident.id, incident.declaredAt)
        order.append((key, incident.declaredAt))
        forget(before: incident.declaredAt.addingTimeInterval(-Self.window))
        while order.count - start > Self.limit { drop() }
    }

    /// The incident declared under `key` (a title) within the window before `now`, if any.
    mutating func earlier(_ key: Key, now: Date) -> IncidentID? {
        let cutoff = now.addingTimeInterval(-Self.window)
        forget(before: cutoff)
        // Entries are forgotten in the order noted, which a clock set back can make other than the order declared.
        guard let found = latest[key], found.at >= cutoff, found.at <= now else { return nil }
        return found.id
    }

    /// A title as compared: case, runs of spaces, quotes around it and closing punctuation do not tell two apart.
    static func comparable(_ title: String) -> String {
        // Most titles are ASCII: bytes, not Characters, whose Unicode lookups cost 37,000 instructions a title.
        guard title.utf8.allSatisfy({ $0 < 0x80 }) else { return comparableText(title) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(title.utf8.count)
        var space = false
        for byte in title.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                space = !bytes.isEmpty
                continue
            }
            if space { bytes.append(0x20) }
            space = false
            // `--` reads as `—` where a keyboard (Slack on a Mac) substituted it: one dash either way.
            if byte == UInt8(ascii: "-"), bytes.last == UInt8(ascii: "-") { continue }
            bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        let quotes: [UInt8] = Array("\"'".utf8)
        let closing: [UInt8] = Array(".!?".utf8)
        var start = 0
        var end = bytes.count
        while start < end, quotes.contains(bytes[start]) { start += 1 }
        while end > start, quotes.contains(bytes[end - 1]) || closing.contains(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `comparable` by Characters, for titles with any non-ASCII letter, space or quote in them.
    static func comparableText(_ title: String) -> String {
        // Typographic apostrophes, quotes and dashes read as their ASCII forms: a phone or a Mac types `can’t` and
        // `—` where another responder types `can't` and `--`.
        var plain = ""
        for character in title.lowercased() {
            let mapped: Character = switch character {
            case "’", "‘", "‛", "ʼ": "'"
            case "“", "”", "„": "\""
            case "—", "–", "‒", "−": "-"
            default: character
            }
            if mapped == "-", plain.last == "-" { continue }
            plain.append(mapped)
        }
        guard plain.unicodeScalars.contains(where: { !$0.isASCII }) else { return comparable(plain) }
        var words = plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")[...]
        let quotes = "\"'“”‘’«»"
        while let first = words.first, quotes.contains(first) { words.removeFirst() }
        while let last = words.last, quotes.contains(last) || ".!?…".contains(last) { words.removeLast() }
        return String(words)
    }

    private mutating func forget(before cutoff: Date) {
        while start < order.count, order[start].at < cutoff { drop() }
    }

    private mutating func drop() {
        let (key, at) = order[start]
        // A newer declaration under the same key has replaced this one.
        if latest[key]?.at == at { latest[key] = nil }
        start += 1
        if start > 256, start * 2 > order.count {
            order.removeFirst(start)
            start = 0
        }
    }
}
