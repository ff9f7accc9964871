/// Finds a name given twice in one JSON object (`{"severity":"p3","severity":"p0"}`). RFC 8259 leaves what that
/// means to the reader, and decoders differ: one keeps the first, another the last. Klaxon refuses such a body
/// rather than guess which severity a script meant.
public enum JSONDuplicateNames {
    /// The path of the first name given twice (`alerts[1].labels.severity`), or nil. Only names are looked at: a
    /// body that is not JSON is the decoder's to refuse, with its own message.
    public static func first<Bytes: RandomAccessCollection>(in bytes: Bytes) -> String? where Bytes.Element == UInt8, Bytes.Index == Int {
        var levels: [Level] = []
        var expectingName = false
        var lastName = ""
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let path = levels.last.map { level in
                    level.names == nil ? "\(level.path)[\(level.element)]" : joined(level.path, lastName)
                } ?? ""
                let object = bytes[index] == UInt8(ascii: "{")
                levels.append(Level(names: object ? [] : nil, path: path))
                expectingName = object
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = levels.popLast()
                expectingName = false
            case UInt8(ascii: ","):
                guard !levels.isEmpty else { return nil }
                if levels[levels.count - 1].names == nil { levels[levels.count - 1].element += 1 }
                expectingName = levels[levels.count - 1].names != nil
            case UInt8(ascii: "\""):
                guard let (text, end) = string(in: bytes, openingAt: index) else { return nil }
                if expectingName, !levels.isEmpty {
                    guard levels[levels.count - 1].names!.insert(text).inserted else { return joined(levels[levels.count - 1].path, text) }
                    lastName = text
                    expectingName = false
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// One open object (its names so far) or array (its element count); `path` names it.
    private struct Level {
        var names: Set<String>?
        var path: String
        var element = 0
    }

    private static func joined(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : path + "." + name
    }

    /// A string's text with its escapes undone (`"a\u0030"` is the name `a0`), and the index of its closing quote;
    /// nil when it does not close or an escape is broken.
    private static func string<Bytes: RandomAccessCollection>(in bytes: Bytes, openingAt start: Int) -> (String, Int)? where Bytes.Element == UInt8, Bytes.Index == Int {
        var text: [UInt8] = []
        var pendingHigh: UInt32?
        var index = start + 1
        func hex(at offset: Int) -> UInt32? {
            guard offset + 4 <= bytes.endIndex else { return nil }
            var value: UInt32 = 0
            for byte in bytes[offset..<(offset + 4)] {
                guard let digit = Hex.value(byte) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        func append(_ scalar: UInt32) {
            guard let scalar = Unicode.Scalar(scalar) else { return }
            text += Array(String(Character(scalar)).utf8)
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return (String(decoding: text, as: UTF8.self), index) }
            guard byte == UInt8(ascii: "\\") else {
                text.append(byte)
                index += 1
                continue
            }
            guard index + 1 < bytes.endIndex else { return nil }
            let escape = bytes[index + 1]
            if escape == UInt8(ascii: "u") {
                guard let unit = hex(at: index + 2) else { return nil }
                if (0xD800...0xDBFF).contains(unit) {
                    pendingHigh = unit
                } else if (0xDC00...0xDFFF).contains(unit), let high = pendingHigh {
                    append(0x10000 + (high - 0xD800) << 10 + (unit - 0xDC00))
                    pendingHigh = nil
                } else {
                    append(unit)
                }
                index += 6
                continue
            }
            let shorts: [UInt8: UInt8] = [
                UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "/"): UInt8(ascii: "/"),
                UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
            ]
            guard let plain = shorts[escape] else { return nil }
            text.append(plain)
            index += 2
        }
        return nil
    }
}
