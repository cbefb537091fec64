import ArgumentParser
import Foundation
import FrontlineModel
import FrontlineReview
import FrontlineTUI

@main
struct Frontline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "A terminal dashboard for the claims in news articles about the war in Ukraine.",
        subcommands: [Dashboard.self, Export.self],
        defaultSubcommand: Dashboard.self
    )

    /// ArgumentParser's own main, except that its messages (which quote the arguments back) are
    /// neutralised: an argument holding escapes must not drive the terminal that shows the error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(MessageText.neutralised(message)) }
            } else if !message.isEmpty {
                MessageText.printError(message)
            }
            Glibc.exit(code.rawValue)
        }
    }
}

struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the full-screen dashboard on a folder of articles (the default command)."
    )

    @Argument(help: "Folder of .txt and .md articles.")
    var folder: String = "seeds"

    @Option(help: "Configuration file (default: $XDG_CONFIG_HOME/frontline/config.toml).")
    var config: String?

    @Option(help: "Review database (default: $XDG_DATA_HOME/frontline/review.sqlite).")
    var db: String?

    @Option(help: "Extra fronts as JSON (default: $XDG_CONFIG_HOME/frontline/fronts.json when it exists).")
    var fronts: String?

    func run() throws {
        let (table, problem) = FrontTable.forUser(file: fronts)
        let code = DashboardApp.run(DashboardOptions(folder: folder, configPath: config, databasePath: db,
                                                     fronts: table, frontsNotice: problem))
        if code != 0 { throw ExitCode(code) }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the claims, comparisons and load report of a folder to standard output."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, markdown
        var model: Exporter.Format { Exporter.Format(rawValue: rawValue)! }
    }

    @Option(help: "Output format: json, csv or markdown.")
    var format: Format = .json

    @Argument(help: "Folder of .txt and .md articles.")
    var folder: String = "seeds"

    @Option(help: "Review database whose marks and notes the export carries (default: $XDG_DATA_HOME/frontline/review.sqlite).")
    var db: String?

    @Option(help: "Extra fronts as JSON (default: $XDG_CONFIG_HOME/frontline/fronts.json when it exists).")
    var fronts: String?

    @Flag(help: "Export even when the review database cannot be read whole (damaged, not a database): the marks that could be read, or none. The trouble is still reported on stderr.")
    var ignoreDbErrors = false

    /// The exit code when the review database cannot be read and --ignore-db-errors was not given.
    static let unusableDatabaseExit: Int32 = 3

    func run() throws {
        let (table, problem) = FrontTable.forUser(file: fronts)
        if let problem { MessageText.printError("frontline: \(problem)") }
        // Before the folder is read: an unusable database ends the export at once.
        var marks = try reviewMarks()
        let corpus: Corpus
        do {
            corpus = try Corpus.load(folder: folder, fronts: table)
        } catch {
            MessageText.printError("frontline: \(error)")
            throw ExitCode(2)
        }
        // Marks saved when claim ids came from the file name alone follow their articles into subfolders.
        marks = ReviewMark.applying(ReviewMark.legacyRenames(marks: marks, articles: corpus.articles, claims: corpus.claims), to: marks)
        if format == .json {
            Exporter.writeJSON(corpus, marks: marks, to: StandardOutput.write)
        } else {
            var text = Exporter.render(corpus, format: format.model, marks: marks)
            if format == .markdown { text += "\n" + ReviewReport.markdown(corpus: corpus, marks: marks) }
            text.withUTF8(StandardOutput.write)
        }
        // Freeing a large corpus claim by claim takes longer than writing it; the process ends here anyway.
        Glibc.exit(0)
    }

    /// Marks from the review database when there is one; an export never creates or changes it.
    /// A database that cannot be read whole is reported, and ends the export unless --ignore-db-errors.
    func reviewMarks() throws -> [String: ReviewMark] {
        let path = db ?? ReviewStore.defaultPath()
        // A folder, a pipe or a device counts as there, and the store refuses it without opening it.
        guard ReviewStore.somethingIsThere(path) else { return [:] }
        let store: ReviewStore
        do {
            store = try ReviewStore(path: path, readOnly: true)
        } catch {
            return try unusable("\(error)", path: path, marks: [:])
        }
        let reading = store.reading()
        guard let problem = store.problem ?? (reading.complete ? nil : "the marks could not all be read (\(path))") else {
            return reading.marks
        }
        if reading.complete {
            let how = reading.rebuiltFromHistory ? "the mark table is damaged; the marks were rebuilt from the history" : "all marks were read"
            MessageText.printError("frontline: warning: \(problem); \(how)")
            return reading.marks
        }
        return try unusable(problem, path: path, marks: reading.marks)
    }

    private func unusable(_ problem: String, path: String, marks: [String: ReviewMark]) throws -> [String: ReviewMark] {
        if ignoreDbErrors {
            MessageText.printError("frontline: warning: \(problem); exporting \(marks.isEmpty ? "without review marks" : "the \(marks.count) marks that could be read") (--ignore-db-errors)")
            return marks
        }
        MessageText.printError("frontline: review marks cannot be exported: \(problem)\n"
            + "frontline: nothing exported; give --ignore-db-errors to export without them, or --db another database")
        throw ExitCode(Self.unusableDatabaseExit)
    }
}

/// Standard output without an intermediate copy; a closed pipe ends the process as usual (SIGPIPE).
enum StandardOutput {
    static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc.write(1, base, left)
            if n < 0 {
                if errno == EINTR { continue }
                MessageText.printError("frontline: cannot write the export: \(String(cString: strerror(errno)))")
                Glibc.exit(1)
            }
            base += n
            left -= n
        }
    }
}
