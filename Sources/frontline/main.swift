import ArgumentParser
import Foundation
import FrontlineModel
import FrontlineTUI

@main
struct Frontline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "A terminal dashboard for the claims in news articles about the war in Ukraine.",
        subcommands: [Dashboard.self, Export.self],
        defaultSubcommand: Dashboard.self
    )
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

    func run() throws {
        let code = DashboardApp.run(DashboardOptions(folder: folder, configPath: config, databasePath: db))
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

    func run() throws {
        let corpus: Corpus
        do {
            corpus = try Corpus.load(folder: folder)
        } catch {
            FileHandle.standardError.write(Data("frontline: \(error)\n".utf8))
            throw ExitCode(2)
        }
        FileHandle.standardOutput.write(Data(Exporter.render(corpus, format: format.model).utf8))
    }
}
