/// A problem with a policy or template file, naming the file, the line (when known) and what is wrong.
public struct PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let problem: String

    public init(file: String, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        if let line { return "\(file):\(line): \(problem)" }
        return "\(file): \(problem)"
    }
}

/// Every problem found in one check, so an operator can fix them all at once.
public struct PolicyErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [PolicyError]

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
