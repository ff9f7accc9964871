extension CommandParser {
    /// Whether `text` parses into a command that names a person.
    public func namesPerson(_ text: String) -> Bool {
        (try? parse(text))?.namedPerson != nil
    }
}
