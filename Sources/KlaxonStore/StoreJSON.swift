import Foundation
import KlaxonCore

/// The stored JSON of outbox notices and of the events most commands record (a note, an update, a declaration),
/// written directly: `JSONEncoder` took a tenth of a declaration's time, mostly in dynamic casts for every value.
///
/// Byte for byte what `JSONEncoder` with `.sortedKeys` writes for the same value (`StoreJSONTests` hold it to that
/// for every case written here, and to the types' fields), so a row reads the same whichever wrote it. Events of
/// other kinds, and declarations from alerts, still go through `JSONEncoder`.
enum StoreJSON {
    static func notice(_ notice: Notice) -> String {
        var out = #"{"audience":["#
        for (index, audience) in notice.audience.enumerated() {
            if index > 0 { out += "," }
            switch audience {
            case .channel: out += #"{"channel":{}}"#
            case .role(let role): wrapped("role", to: &out) { string(role, to: &$0) }
            case .person(let person): wrapped("person", to: &out) { identity(person.id, person.name, person.platform.rawValue, to: &$0) }
            }
        }
        out += "]"
        if let avoiding = notice.avoiding { key("avoiding", to: &out); string(avoiding.rawValue, to: &out) }
        key("destination", to: &out)
        switch notice.destination {
        case .incidentChannel(let channel): wrapped("incidentChannel", to: &out) { identity(channel.id, channel.name, channel.platform.rawValue, to: &$0) }
        case .role(let role): wrapped("role", to: &out) { string(role, to: &$0) }
        case .email(let role): wrapped("email", to: &out) { string(role, to: &$0) }
        case .tracker: out += #"{"tracker":{}}"#
        case .statuspage: out += #"{"statuspage":{}}"#
        }
        key("incident", to: &out)
        out += String(notice.incident.rawValue)
        key("kind", to: &out)
        string(notice.kind.rawValue, to: &out)
        if let offer = notice.offer { key("offer", to: &out); string(offer.rawValue, to: &out) }
        key("prompts", to: &out)
        out += "["
        for (index, prompt) in notice.prompts.enumerated() {
            if index > 0 { out += "," }
            string(prompt, to: &out)
        }
        out += "]"
        if let proposal = notice.proposal { key("proposal", to: &out); out += String(proposal.rawValue) }
        if let rule = notice.rule { key("rule", to: &out); string(rule, to: &out) }
        key("sequence", to: &out)
        out += String(notice.sequence)
        if let toCustomers = notice.toCustomers { key("toCustomers", to: &out); out += toCustomers ? "true" : "false" }
        return out + "}"
    }

    /// The event's JSON, or `nil` for a kind written by `JSONEncoder`.
    static func event(_ event: IncidentEvent) -> String? {
        // JSONEncoder refuses a NaN or an infinity: so does this, by leaving it to JSONEncoder.
        guard event.at.timeIntervalSinceReferenceDate.isFinite else { return nil }
        var change = ""
        switch event.change {
        case .notePosted(let text): wrapped("notePosted", label: "text", to: &change) { string(text, to: &$0) }
        case .updatePosted(let text): wrapped("updatePosted", label: "text", to: &change) { string(text, to: &$0) }
        case .declared(let declaration) where declaration.alerts == nil:
            wrapped("declared", to: &change) { out in
                out += #"{"channel":"#
                let channel = declaration.channel
                identity(channel.id, channel.name, channel.platform.rawValue, to: &out)
                key("kind", to: &out)
                string(declaration.kind.rawValue, to: &out)
                key("publicFacing", to: &out)
                out += declaration.publicFacing ? "true" : "false"
                key("severity", to: &out)
                string(declaration.severity.rawValue, to: &out)
                key("title", to: &out)
                string(declaration.title, to: &out)
                out += "}"
            }
        default: return nil
        }
        var out = "{"
        if let actor = event.actor {
            out += #""actor":"#
            identity(actor.id, actor.name, actor.platform.rawValue, to: &out)
            out += ","
        }
        out += #""at":"# + number(event.at.timeIntervalSinceReferenceDate) + #","change":"# + change + "}"
        return out
    }

    /// A finite number as `JSONEncoder` writes a `Double`: its shortest form, without a trailing `.0`.
    static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `{"case":{"_0":…}}`: an enum case with one value, as Swift's synthesised `Codable` writes it (`_0` when the
    /// value has no label).
    private static func wrapped(_ name: String, label: String = "_0", to out: inout String, value: (inout String) -> Void) {
        out += #"{""# + name + #"":{""# + label + #"":"#
        value(&out)
        out += "}}"
    }

    /// A participant's or channel's fields, which are the same three.
    private static func identity(_ id: String, _ name: String?, _ platform: String, to out: inout String) {
        out += #"{"id":"#
        string(id, to: &out)
        if let name { key("name", to: &out); string(name, to: &out) }
        key("platform", to: &out)
        string(platform, to: &out)
        out += "}"
    }

    private static func key(_ name: String, to out: inout String) {
        out += #",""# + name + #"":"#
    }

    private static func string(_ value: String, to out: inout String) {
        JSONString.append(value, to: &out, escapingSlashes: true)
    }
}
