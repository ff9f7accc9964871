import HTTPTypes

extension HTTPFields {
    /// A field's value, read without the array and the joined copy `self[name]` builds for every lookup (a few per
    /// request on the command path). A field sent more than once reads as `self[name]` reads it: its values joined.
    func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if found != nil { return self[name] }
            found = field.value
        }
        return found
    }
}
