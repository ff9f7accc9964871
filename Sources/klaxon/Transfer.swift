import ArgumentParser
import Foundation
import KlaxonStore

/// `klaxon export`: the whole store as JSON lines on standard output (or a file), from one consistent snapshot.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the store's whole history (incidents, events, outbox, handled requests) as JSON lines.",
        discussion: "Move from the embedded database to PostgreSQL: klaxon export --data-dir ./data | klaxon import --database-url postgres://…"
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .customLong("output"), help: "Write to this file instead of standard output.") var output: String?

    func run() async throws {
        let handle = try await storeOptions.openExisting()
        let file: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil) else { throw fail("cannot write \(output)") }
            file = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        } else {
            file = FileHandle.standardOutput
        }
        let sink = OutputSink(file)
        do {
            let rows = try await handle.store.export { try sink.write($0) }
            try sink.flush()
            FileHandle.standardError.write(Data("klaxon: exported \(rows) rows from \(try storeOptions.location())\n".utf8))
        } catch let refusal as StoreTransfer.Refusal {
            try? await handle.close()
            throw fail(refusal.description)
        }
        try await handle.close()
    }
}

/// `klaxon import`: reads an export into an empty store, all of it or nothing.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read an export (from standard input or a file) into an empty store, in one transaction."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .customLong("input"), help: "Read this file instead of standard input.") var input: String?

    func run() async throws {
        let source: FileHandle
        if let input {
            guard let file = FileHandle(forReadingAtPath: input) else { throw fail("cannot read \(input)") }
            source = file
        } else {
            source = FileHandle.standardInput
        }
        // Looked at once the lock is held: a server could not make the database between the look and the import.
        let lock = try storeOptions.lockDataDirectory(for: "import")
        defer { lock?.release() }
        let created = try storeOptions.newDatabaseFiles()
        let handle = try await storeOptions.open()
        do {
            let rows = try await handle.store.importRows(FileLines(source))
            FileHandle.standardError.write(Data("klaxon: imported \(rows) rows into \(try storeOptions.location())\n".utf8))
        } catch {
            try? await handle.close()
            // Nothing was imported (one transaction): a database made for it goes too, so it can simply be run again.
            for file in created ?? [] { try? FileManager.default.removeItem(atPath: file) }
            if let refusal = error as? StoreTransfer.Refusal { throw fail(refusal.description) }
            throw error
        }
        try await handle.close()
    }
}

/// Buffers an export's lines and writes them in large pieces (rows arrive one by one from the database).
private final class OutputSink: @unchecked Sendable {
    // Only used from the export's row callback, which SQLKit calls one row at a time, and then from `flush`.
    private let file: FileHandle
    private var buffer = Data()

    init(_ file: FileHandle) {
        self.file = file
    }

    func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        try file.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The lines of a file, read in large pieces (a command-line tool may block on its input).
private struct FileLines: Sequence, IteratorProtocol {
    let file: FileHandle
    private var buffer = Data()
    private var ended = false

    init(_ file: FileHandle) {
        self.file = file
    }

    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            let chunk = file.readData(ofLength: 1 << 16)
            if chunk.isEmpty { ended = true } else { buffer.append(chunk) }
        }
    }
}
