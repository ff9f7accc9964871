/// Deterministic mutations of real payloads for the property-based fuzz tests: from one seed number, the same
/// hostile variant every run, so a failing case found with a property test's seed can be replayed.
public struct Mutator: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    /// SplitMix64: small, fast, and the same on every platform.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    /// One of `choices`.
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[below(choices.count)]
    }

    /// `bytes` with 1 to `rounds` mutations: hostile words spliced in, ranges deleted or repeated, bytes flipped.
    public mutating func mutate(_ bytes: [UInt8], rounds: Int = 4) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<(1 + below(rounds)) {
            let at = below(bytes.count + 1)
            switch below(7) {
            case 0, 1:
                bytes.insert(contentsOf: Array(pick(HostileWords.all).utf8), at: at)
            case 2:
                bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(16)))
            case 3:
                let end = min(bytes.count, at + 1 + below(32))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 4 where at < bytes.count:
                bytes[at] = UInt8(truncatingIfNeeded: next())
            case 5 where at < bytes.count:
                bytes[at] = pick(Array("\"{}[]:,&=%+\\\n\r\u{0}0-9.e#@<>!".utf8))
            default:
                bytes = Array(bytes.prefix(at))
            }
        }
        return bytes
    }

    /// A text of hostile words and mutated fragments of `seed`, as someone might type it.
    public mutating func text(from seed: String) -> String {
        var words = seed.split(separator: " ").map(String.init)
        for _ in 0..<(1 + below(4)) {
            words.insert(pick(HostileWords.all), at: below(words.count + 1))
        }
        return String(decoding: mutate(Array(words.joined(separator: below(4) == 0 ? "\n" : " ").utf8), rounds: 2), as: UTF8.self)
    }
}
