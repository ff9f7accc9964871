import KlaxonCore

/// A message or form component: an action row, a button, a select menu, a label or a text input. Unused fields stay
/// out of the JSON.
public struct DiscordComponent: Encodable, Sendable, Equatable {
    /// A select menu's option.
    public struct Option: Encodable, Sendable, Equatable {
        public let label: String
        public let value: String
    }

    public var type: Int
    public var customID: String?
    public var label: String?
    public var style: Int?
    public var placeholder: String?
    public var options: [Option]?
    public var required: Bool?
    public var maxLength: Int?
    public var components: [DiscordComponent]?
    /// A label's one component.
    var component: Child?

    /// A label's component, boxed: a struct cannot hold an optional of itself inline.
    indirect enum Child: Encodable, Sendable, Equatable {
        case of(DiscordComponent)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .of(let component): try component.encode(to: encoder)
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, label, style, placeholder, options, required, components, component
        case customID = "custom_id"
        case maxLength = "max_length"
    }

    init(type: Int, customID: String? = nil, label: String? = nil, style: Int? = nil, components: [DiscordComponent]? = nil) {
        self.type = type
        self.customID = customID
        self.label = label
        self.style = style
        self.components = components
    }

    /// A form field's label around its input (Discord's replacement for a text input in an action row).
    static func label(_ text: String, _ component: DiscordComponent) -> DiscordComponent {
        var label = DiscordComponent(type: 18, label: text)
        label.component = .of(component)
        return label
    }

    /// A row holding other components.
    static func row(_ components: [DiscordComponent]) -> DiscordComponent {
        DiscordComponent(type: 1, components: components)
    }

    /// A button (style 1 primary, 2 secondary).
    static func button(_ label: String, _ control: DiscordControlID, style: Int) -> DiscordComponent {
        DiscordComponent(type: 2, customID: control.text, label: label, style: style)
    }
}

extension DiscordComponent {
    /// The controls on an incident's announcement: "I'm commander", "Post update", and the status menu.
    public static func incidentControls(_ id: IncidentID) -> [DiscordComponent] {
        var menu = DiscordComponent(type: 3, customID: DiscordControlID(.status, incident: id).text)
        menu.placeholder = "Set the status of \(id)"
        menu.options = StatusPhase.allCases.map { Option(label: $0.title, value: $0.rawValue) }
        return [
            .row([
                .button("I'm commander", DiscordControlID(.commander, incident: id), style: 1),
                .button("Post update", DiscordControlID(.update, incident: id), style: 2),
            ]),
            .row([menu]),
        ]
    }

    /// The update form's single paragraph field, in a label: a text input in an action row is deprecated.
    static func updateField() -> DiscordComponent {
        paragraph(DiscordControlID.updateField, "What we know, what we're doing", required: true)
    }

    /// A paragraph field in a label; `DiscordModal.limitingTexts` sets how long it may be.
    static func paragraph(_ id: String, _ label: String, required: Bool) -> DiscordComponent {
        var field = DiscordComponent(type: 4, customID: id, style: 2)
        field.required = required
        field.maxLength = DiscordModal.longestText
        return .label(label, field)
    }

    /// This component with every text input in it (in a label, or in rows) limited to `limit` characters.
    func limitingTexts(to limit: Int) -> DiscordComponent {
        var limited = self
        if type == 4 { limited.maxLength = limit }
        limited.components = components?.map { $0.limitingTexts(to: limit) }
        if case .of(let child)? = component { limited.component = .of(child.limitingTexts(to: limit)) }
        return limited
    }
}

extension DiscordModal {
    /// The most Discord lets a text input hold.
    static let longestText = 4000

    /// The form with its text inputs limited to the policy's text limit (counted as Discord counts, in UTF-16 units,
    /// never fewer than the policy's Unicode scalars): at a fixed 1,500 an update of 2,000 characters, which text
    /// commands take, could not be typed in the form; over the policy's limit, one typed there was refused and lost.
    public func limitingTexts(to limit: Int) -> DiscordModal {
        DiscordModal(customID: customID, title: title, components: components.map { $0.limitingTexts(to: min(limit, Self.longestText)) })
    }

    /// The form "Post update" opens for an incident.
    public static func update(_ id: IncidentID) -> DiscordModal {
        DiscordModal(customID: DiscordControlID(.updateForm, incident: id).text, title: "Update on \(id)", components: [.updateField()])
    }

    /// The form the status menu's "Resolved" opens: the summary, and a reason to resolve without the full checklist.
    public static func resolution(_ id: IncidentID) -> DiscordModal {
        DiscordModal(customID: DiscordControlID(.resolveForm, incident: id).text, title: "Resolve \(id)", components: [
            .paragraph(DiscordControlID.summaryField, "What fixed it", required: true),
            .paragraph(DiscordControlID.forceField, "Checklist not done? Why resolve anyway", required: false),
        ])
    }
}
