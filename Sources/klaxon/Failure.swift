import ArgumentParser
import Foundation

/// Ends a command with a plain message on standard error and exit status 1 (no usage dump: the input was fine).
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("klaxon: \(message)\n".utf8))
    return ExitCode.failure
}
