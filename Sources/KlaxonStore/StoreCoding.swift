import Foundation
import KlaxonCore

/// JSON for stored events and notices: sorted keys so stored rows are stable and diffable.
enum StoreCoding {
    /// The version of the event payload format written now; readers refuse (and quarantine) newer ones.
    static let eventPayloadVersion = 1

    static func encode(_ value: some Encodable) throws -> String {
        try encoded(value)
    }

    private static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A notice's JSON, written directly (see `StoreJSON`).
    static func encode(_ notice: Notice) -> String {
        StoreJSON.notice(notice)
    }

    /// An event's JSON, written directly for the commonest kinds (see `StoreJSON`).
    static func encode(_ event: IncidentEvent) throws -> String {
        try StoreJSON.event(event) ?? encoded(event)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("cannot read stored \(type): \(error)")
        }
    }
}
