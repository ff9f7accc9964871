import Foundation
import KlaxonCore

/// Decodes an `application/x-www-form-urlencoded` body field by field: `+` and `%XX` are undone only in the names and
/// values that have them (the others are used where they lie), and each is checked as UTF-8 once.
enum URLEncodedForm {
    /// The form's fields; later duplicates win, a field without `=` has an empty value.
    static func fields(_ body: some Sequence<UInt8>) throws(SlackCommandRequest.Failure) -> [String: String] {
        var fields: [String: String] = Dictionary(minimumCapacity: 16)
        try forEachField(in: body) { name, value in fields[String(decoding: name, as: UTF8.self)] = String(decoding: value, as: UTF8.self) }
        return fields
    }

    /// The value of the field named `wanted`, read from its own part of the body only: the other fields may be
    /// malformed, as a token is checked before the form is read. `nil` when absent or itself malformed; a later
    /// duplicate wins, as in `fields(_:)`.
    static func field(_ wanted: String, in body: some Sequence<UInt8>) -> String? {
        var found: String?
        for part in Array(body).split(separator: UInt8(ascii: "&")) {
            if let value = (try? fields(part))?[wanted] { found = value }
        }
        return found
    }

    /// Calls `visit` with each field's decoded name and value, valid UTF-8, in order; a field without `=` has an empty
    /// value, and an empty one (`&&`) is skipped. Decoding only the fields a caller keeps, rather than filling a
    /// dictionary of strings, was most of what reading a slash command cost. The buffers last only for the call.
    static func forEachField(
        in body: some Sequence<UInt8>, _ visit: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void
    ) throws(SlackCommandRequest.Failure) {
        let failure = body.withContiguousStorageIfAvailable { forEachField(in: $0, visit) }
            ?? Array(body).withUnsafeBufferPointer { forEachField(in: $0, visit) }
        if let failure { throw failure }
    }

    private static func forEachField(
        in bytes: UnsafeBufferPointer<UInt8>, _ visit: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void
    ) -> SlackCommandRequest.Failure? {
        guard let base = bytes.baseAddress else { return nil }
        var start = 0
        while start < bytes.count {
            let end = offset(of: UInt8(ascii: "&"), in: UnsafeBufferPointer(start: base + start, count: bytes.count - start)).map { start + $0 }
                ?? bytes.count
            defer { start = end + 1 }
            guard end > start else { continue }
            let field = UnsafeBufferPointer(start: base + start, count: end - start)
            let equals = offset(of: UInt8(ascii: "="), in: field)
            let name = UnsafeBufferPointer(rebasing: field[..<(equals ?? field.count)])
            let value = UnsafeBufferPointer(rebasing: field[(equals.map { $0 + 1 } ?? field.count)...])
            let failure = decoded(name) { name in
                decoded(value) { value in
                    visit(name, value)
                    return nil
                }
            }
            if let failure { return failure }
        }
        return nil
    }

    /// Where `byte` first is in `bytes`, found by `memchr` (a word at a time, not a byte).
    private static func offset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base, Int32(byte), bytes.count) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Hands `use` the part's bytes with `+` and `%XX` undone, or the failure. A part with neither, as most are, is
    /// handed over where it lies; the others are decoded into a buffer on the stack (for a part of a usual size).
    private static func decoded(
        _ part: UnsafeBufferPointer<UInt8>, _ use: (UnsafeBufferPointer<UInt8>) -> SlackCommandRequest.Failure?
    ) -> SlackCommandRequest.Failure? {
        guard offset(of: UInt8(ascii: "%"), in: part) != nil || offset(of: UInt8(ascii: "+"), in: part) != nil else {
            return isUTF8(part) ? use(part) : .notUTF8
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: part.count) { buffer in
            var count = 0
            var index = 0
            while index < part.count {
                var byte = part[index]
                index += 1
                if byte == UInt8(ascii: "+") {
                    byte = UInt8(ascii: " ")
                } else if byte == UInt8(ascii: "%") {
                    guard index + 1 < part.count, let high = Hex.value(part[index]), let low = Hex.value(part[index + 1]) else {
                        return .badEscape
                    }
                    byte = high << 4 | low
                    index += 2
                }
                buffer[count] = byte
                count += 1
            }
            let decoded = UnsafeBufferPointer(rebasing: buffer[..<count])
            return isUTF8(decoded) ? use(decoded) : .notUTF8
        }
    }

    /// Whether the bytes are UTF-8. Decoding repairs what is not UTF-8, so text whose bytes come through unchanged was
    /// valid; `String(validating:as:)` does the same work through generic, unspecialised code.
    private static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // ASCII, as most of Slack's fields are, is UTF-8: only the rest needs decoding.
        isASCII(bytes) || String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes)
    }

    /// Whether no byte has its high bit set, looked at eight bytes at a time.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var bits: UInt64 = 0
        var index = 0
        while index + 8 <= bytes.count {
            bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < bytes.count {
            bits |= UInt64(base[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }
}
