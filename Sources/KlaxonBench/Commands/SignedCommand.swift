import Crypto
import Foundation

/// One slash command as Slack sends it: the form body, a timestamp, and the `v0` signature, HMAC-SHA256 over
/// `v0:timestamp:body` with the signing secret. Written here rather than borrowed from Klaxon, so Klaxon's
/// verifier is checked against a second implementation, and fast enough to sign a few hundred thousand requests
/// just before a run. Stored one a line, tab-separated, for wrk's replay script and for our generator.
struct SignedCommand: Sendable, Equatable {
    let timestamp: String
    let signature: String
    let body: String

    /// Signs `/incident text` from `channel` at `now`; `triggerID` makes each request unique. No `response_url`:
    /// Klaxon would answer a slow command through it, out on the internet.
    init(text: String, channel: String, triggerID: String, key: SymmetricKey, now: Date) {
        body = Self.form([
            ("token", "bench"), ("team_id", "TBENCH"), ("team_domain", "bench"), ("channel_id", channel),
            ("channel_name", channel.lowercased()), ("user_id", "UBENCH"), ("user_name", "bench"), ("command", "/incident"),
            ("text", text), ("api_app_id", "ABENCH"), ("is_enterprise_install", "false"), ("trigger_id", triggerID),
        ])
        timestamp = String(Int(now.timeIntervalSince1970))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("v0:\(timestamp):\(body)".utf8), using: key)
        signature = "v0=" + Self.hex(mac)
    }

    /// Reads a line written by `line`; `nil` for anything else.
    init?(line: Substring) {
        let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        timestamp = String(fields[0])
        signature = String(fields[1])
        body = String(fields[2])
    }

    /// The form body is percent-encoded, so it holds no tab or newline.
    var line: String { "\(timestamp)\t\(signature)\t\(body)" }

    /// `application/x-www-form-urlencoded` as Slack sends it: spaces as `+`, all but unreserved bytes as `%XX`.
    static func form(_ fields: [(String, String)]) -> String {
        var bytes: [UInt8] = []
        for (name, value) in fields {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: "&")) }
            bytes += Array(name.utf8) + [UInt8(ascii: "=")]
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                    bytes.append(byte)
                case UInt8(ascii: " "):
                    bytes.append(UInt8(ascii: "+"))
                default:
                    bytes += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ mac: some Sequence<UInt8>) -> String {
        String(decoding: mac.flatMap { [digits[Int($0 >> 4)] | 0x20, digits[Int($0 & 0xF)] | 0x20] }, as: UTF8.self)
    }

    /// Upper-case hex digits (percent-encoding's); `| 0x20` makes them lower case for the signature.
    private static let digits = Array("0123456789ABCDEF".utf8)
}
