@testable import KlaxonServer
import Testing

/// The request deadline's decisions, without I/O: when the timer runs, stops and closes the connection.
@Suite struct RequestDeadlineTests {
    /// Something that happens on a connection.
    enum Step: String, CustomTestStringConvertible {
        case opened, head, end, answerHead, closingAnswerHead, answerEnd, timedOut

        var testDescription: String { rawValue }

        func apply(_ deadline: inout RequestDeadline) -> RequestDeadline.Action {
            switch self {
            case .opened: deadline.opened()
            case .head: deadline.readHead()
            case .end: deadline.readEnd()
            case .answerHead: deadline.wroteHead(close: false)
            case .closingAnswerHead: deadline.wroteHead(close: true)
            case .answerEnd: deadline.wroteEnd()
            case .timedOut: deadline.timedOut()
            }
        }
    }

    @Test(arguments: [
        ("a silent connection is timed from when it opened", [Step.opened], [RequestDeadline.Action.arm]),
        ("a request's head keeps the running deadline, so trickled headers count", [.opened, .head], [.arm, .none]),
        ("a complete request stops the timer while it is answered", [.opened, .head, .end], [.arm, .none, .disarm]),
        ("an answer restarts the timer for the next request", [.opened, .head, .end, .answerHead, .answerEnd], [.arm, .none, .disarm, .none, .arm]),
        (
            "an answer saying Connection: close closes the connection", [.opened, .head, .closingAnswerHead, .answerEnd],
            [.arm, .none, .none, .close]
        ),
        (
            "an answer given before the body arrived leaves the body's deadline running", [.opened, .head, .answerHead, .answerEnd],
            [.arm, .none, .none, .none]
        ),
        (
            "a pipelined request arriving during an answer is timed afresh", [.opened, .head, .end, .head],
            [.arm, .none, .disarm, .arm]
        ),
        ("the timer firing closes the connection", [.opened, .timedOut], [.arm, .close]),
    ] as [(String, [Step], [RequestDeadline.Action])])
    func theDeadlineRunsOnlyWhileARequestIsAwaited(_ name: String, steps: [Step], expected: [RequestDeadline.Action]) {
        var deadline = RequestDeadline()
        #expect(steps.map { $0.apply(&deadline) } == expected, "\(name)")
    }
}
