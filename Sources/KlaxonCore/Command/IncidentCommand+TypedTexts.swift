extension IncidentCommand {
    /// A piece of free text someone typed into a command.
    struct TypedText {
        /// What it is, as the refusal names it: "the title", "the update".
        let what: String
        let text: String
        var isTitle = false
    }

    /// The free texts the command carries, which the policy's `TextLimits` bound.
    var typedTexts: [TypedText] {
        switch self {
        case .declare(_, let title, _, _): [TypedText(what: "the title", text: title, isTitle: true)]
        case .update(_, let text): [TypedText(what: "the update", text: text)]
        case .status(_, _, let note): note.map { [TypedText(what: "the status note", text: $0)] } ?? []
        case .severity(_, _, let reason): reason.map { [TypedText(what: "the reason", text: $0)] } ?? []
        case .scope(_, let text): [TypedText(what: "the scope", text: text)]
        case .check(_, let item), .uncheck(_, let item): [TypedText(what: "the checklist item", text: item)]
        case .note(_, let text): [TypedText(what: "the note", text: text)]
        case .reopen(_, let reason), .withdraw(_, let reason): [TypedText(what: "the reason", text: reason)]
        case .resolve(_, let summary, let reason):
            [TypedText(what: "the summary", text: summary)] + (reason.map { [TypedText(what: "the --force reason", text: $0)] } ?? [])
        case .scheduleReview(_, let when): [TypedText(what: "the review time", text: when)]
        case .closeReview(_, let reason): reason.map { [TypedText(what: "the --force reason", text: $0)] } ?? []
        case .impact(_, let text): [TypedText(what: "the impact", text: text)]
        case .cause(_, let text): [TypedText(what: "the cause", text: text)]
        case .gap(_, let text): [TypedText(what: "the gap", text: text)]
        case .addAction(_, _, let text, let team, _):
            [TypedText(what: "the action item", text: text)] + (team.map { [TypedText(what: "the team", text: $0)] } ?? [])
        case .publicUpdate(_, let text): [TypedText(what: "the update", text: text)]
        case .publicStatus(_, _, let note, let reason):
            [TypedText(what: "the status note", text: note)] + (reason.map { [TypedText(what: "the --force reason", text: $0)] } ?? [])
        case .makePublic(_, let title): title.map { [TypedText(what: "the public title", text: $0, isTitle: true)] } ?? []
        case .affects(_, let components, _): components.map { TypedText(what: "the component", text: $0) }
        case .makePrivate, .eta, .notifyCustomers, .closeAction, .milestone, .actions, .report, .commander, .list, .show, .timeline, .runbook,
            .help, .accept: []
        }
    }

    /// The number a command's text starts with (`resolve 11 OCR queue drained`), when the incident was not named:
    /// often an incident's number typed without its `#`, which would change the channel's incident instead.
    public var leadingNumber: Int? {
        guard target == .current else { return nil }
        let text: String
        switch self {
        case .update(_, let typed), .publicUpdate(_, let typed), .note(_, let typed), .resolve(_, let typed, _), .scope(_, let typed),
            .impact(_, let typed), .cause(_, let typed), .gap(_, let typed), .reopen(_, let typed), .makePublic(_, let typed?):
            text = typed
        default:
            return nil
        }
        guard let first = text.split(whereSeparator: \.isWhitespace).first, Words.isBareNumber(first) else { return nil }
        return Int(first)
    }
}
