import Mustache

// Rendering speed, not meaning. Mustache finds how to show a value, and a name inside a section, by casting it to its
// protocols one after another; a string fitting none of them is printed with `String(describing:)` and, inside a
// section such as `{{#ping}} - {{{ping}}}{{/ping}}`, searched by reflection (`Mirror`) before the next context is
// asked. That was more than half of rendering a declaration's announcement. Conforming the text values our facts give
// lets the first casts answer: a text is shown as itself and has no children, exactly what Mustache made of it before.

extension String: @retroactive MustacheCustomRenderable, @retroactive MustacheParent {
    public var renderText: String { self }
    public var isNull: Bool { false }
    public func child(named: String) -> Any? { nil }
}

extension Int: @retroactive MustacheCustomRenderable, @retroactive MustacheParent {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
    public func child(named: String) -> Any? { nil }
}
