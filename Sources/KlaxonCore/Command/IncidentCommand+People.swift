extension IncidentCommand {
    /// The name of the person the command names by a plain `@name` rather than by the platform's id for them, if any:
    /// on a platform that turns the people it knows into ids, a plain name is someone it does not know.
    public var personNamedPlainly: String? {
        let person: PersonMention
        switch self {
        case .commander(_, let named), .addAction(_, let named, _, _, _): person = named
        default: return nil
        }
        guard case .person(let participant) = person, participant.id.hasPrefix("@") else { return nil }
        return participant.name ?? String(participant.id.dropFirst())
    }
}
