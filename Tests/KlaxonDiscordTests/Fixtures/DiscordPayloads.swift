import Foundation

/// Interaction bodies shaped as Discord sends them (from its documentation's examples), with Klaxon's command.
enum DiscordPayloads {
    static let user = #"{"id":"80351110224678912","username":"nelly","global_name":"Nelly","avatar":null,"discriminator":"0","public_flags":0}"#
    static let bob = #"{"id":"53908232506183680","username":"bob","global_name":null,"discriminator":"0"}"#

    /// The envelope every interaction shares, around `type` and `data`.
    static func interaction(type: Int, data: String?, id: String = "1150123456789012345", channel: String = "41771983423143937") -> String {
        let data = data.map { #","data":\#($0)"# } ?? ""
        return #"""
        {"app_permissions":"442368","application_id":"1150000000000000001","channel":{"id":"\#(channel)","name":"incidents","type":0,"guild_id":"41771983423143936"},"channel_id":"\#(channel)"\#(data),"entitlements":[],"guild_id":"41771983423143936","guild_locale":"en-US","id":"\#(id)","locale":"en-GB","member":{"avatar":null,"deaf":false,"joined_at":"2023-01-01T00:00:00.000000+00:00","mute":false,"nick":null,"pending":false,"permissions":"2147483647","roles":[],"user":\#(user)},"token":"aW50ZXJhY3Rpb246MTE1MDEyMzQ1Njc4OTAxMjM0NQ","type":\#(type),"version":1}
        """#
    }

    /// `/incident <subcommand>` with options given as raw JSON objects.
    static func command(_ subcommand: String, _ options: [String] = [], resolved: String? = nil, type: Int = 2) -> String {
        let resolvedPart = resolved.map { #","resolved":\#($0)"# } ?? ""
        let data = #"{"id":"1150000000000000100","name":"incident","type":1,"options":[{"name":"\#(subcommand)","type":1,"options":[\#(options.joined(separator: ","))]}]\#(resolvedPart)}"#
        return interaction(type: type, data: data)
    }

    /// `/incident <group> <subcommand>`: a command in a subcommand group (the status page's `page`).
    static func grouped(_ group: String, _ subcommand: String, _ options: [String] = []) -> String {
        let data = #"{"id":"1150000000000000100","name":"incident","type":1,"options":[{"name":"\#(group)","type":2,"options":[{"name":"\#(subcommand)","type":1,"options":[\#(options.joined(separator: ","))]}]}]}"#
        return interaction(type: 2, data: data)
    }

    static func string(_ name: String, _ value: String, focused: Bool = false) -> String {
        let json = String(decoding: try! JSONEncoder().encode(value), as: UTF8.self)
        return #"{"name":"\#(name)","type":3,"value":\#(json)\#(focused ? #","focused":true"# : "")}"#
    }

    /// An integer option whose value is the JSON number literal `literal`, as anyone holding a signature could send it.
    static func number(_ name: String, _ literal: String, focused: Bool = false) -> String {
        #"{"name":"\#(name)","type":4,"value":\#(literal)\#(focused ? #","focused":true"# : "")}"#
    }

    static func bool(_ name: String, _ value: Bool) -> String {
        #"{"name":"\#(name)","type":5,"value":\#(value)}"#
    }

    static func userOption(_ name: String, _ id: String) -> String {
        #"{"name":"\#(name)","type":6,"value":"\#(id)"}"#
    }

    static let resolvedBob = #"{"users":{"53908232506183680":\#(bob)}}"#

    /// A click on one of Klaxon's buttons, or a choice in its menu.
    static func component(_ customID: String, componentType: Int = 2, values: [String]? = nil) -> String {
        let valuesPart = values.map { #","values":[\#($0.map { "\"\($0)\"" }.joined(separator: ","))]"# } ?? ""
        return interaction(type: 3, data: #"{"custom_id":"\#(customID)","component_type":\#(componentType)\#(valuesPart)}"#)
    }

    /// A submitted form: the classic action-row layout, or the newer label layout.
    static func modal(_ customID: String, text: String, labelled: Bool = false) -> String {
        let json = String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        let input = #"{"type":4,"id":2,"custom_id":"text","value":\#(json)}"#
        let component = labelled ? #"{"type":18,"id":1,"component":\#(input)}"# : #"{"type":1,"id":1,"components":[\#(input)]}"#
        return interaction(type: 5, data: #"{"custom_id":"\#(customID)","components":[\#(component)]}"#)
    }

    /// A submitted form with several labelled fields, by id.
    static func form(_ customID: String, fields: [(String, String)]) -> String {
        let components = fields.enumerated().map { index, field in
            let value = String(decoding: try! JSONEncoder().encode(field.1), as: UTF8.self)
            return #"{"type":18,"id":\#(2 * index + 1),"component":{"type":4,"id":\#(2 * index + 2),"custom_id":"\#(field.0)","value":\#(value)}}"#
        }
        return interaction(type: 5, data: #"{"custom_id":"\#(customID)","components":[\#(components.joined(separator: ","))]}"#)
    }
}
