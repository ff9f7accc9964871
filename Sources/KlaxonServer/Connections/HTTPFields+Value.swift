import HTTPTypes

extension HTTPFields {
    /// A field's value, read in one plain pass: `self[name]` filters lazily and joins the values for every lookup (a
    /// few per request on the command path, 4% of a `help` in the profile). A field sent more than once reads as
    /// `self[name]` reads it: its values joined.
    func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if found != nil { return self[name] }
            found = field.value
        }
        return found
    }
}
