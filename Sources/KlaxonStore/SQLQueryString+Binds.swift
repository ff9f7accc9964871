import SQLKit

extension SQLQueryString {
    /// A value bound as itself, or `NULL` written out. An `Optional` bound as such is encoded by SQLite's data encoder
    /// through a nested `Encoder` and a dynamic cast per value, which showed in every commit's profile.
    mutating func appendInterpolation(nullable value: (any Encodable & Sendable)?) {
        if let value {
            appendInterpolation(bind: value)
        } else {
            appendLiteral("NULL")
        }
    }

    /// Values bound one by one and separated by commas, for an `IN (…)`.
    mutating func appendList(_ values: some Sequence<some Encodable & Sendable>) {
        for (offset, value) in values.enumerated() {
            if offset > 0 { appendLiteral(", ") }
            appendInterpolation(bind: value)
        }
    }
}
