extension IncidentCommand {
    /// The person the command names (a commander, an action item's owner), unless it names its sender (`me`).
    public var namedPerson: Participant? {
        switch self {
        case .commander(_, .person(let participant)), .addAction(_, .person(let participant), _, _, _): participant
        default: nil
        }
    }

    /// The name of the person the command names by a plain `@name` rather than by the platform's id for them, if any:
    /// on a platform that turns the people it knows into ids, a plain name is someone it does not know.
    public var personNamedPlainly: String? {
        guard let participant = namedPerson, participant.id.hasPrefix("@") else { return nil }
        return participant.name ?? String(participant.id.dropFirst())
    }
}
