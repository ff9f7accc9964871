import Foundation
import OpenAPIRuntime

/// The API's dates: written in whole seconds, read with or without a fraction (`2027-01-15T08:09:00.5Z`, Python's
/// `isoformat()` with its microseconds and `+00:00`): RFC 3339's `date-time`, which openapi.yaml promises, allows
/// both, and the runtime's transcoder reads only one of them.
struct APIDateTranscoder: DateTranscoder {
    private let whole = ISO8601DateTranscoder.iso8601
    private let fractional = ISO8601DateTranscoder.iso8601WithFractionalSeconds

    func encode(_ date: Date) throws -> String {
        try whole.encode(date)
    }

    func decode(_ text: String) throws -> Date {
        if let date = try? whole.decode(text) { return date }
        return try fractional.decode(text)
    }
}
