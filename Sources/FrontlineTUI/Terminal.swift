import CNcursesShim
import FrontlineModel
import Foundation
import Glibc

public struct DashboardOptions: Sendable {
    public var folder: String
    public var configPath: String?
    public var databasePath: String?
    /// The standard fronts plus the user's, and what went wrong reading the user's file.
    public var fronts: FrontTable
    public var frontsNotice: String?
    public init(folder: String, configPath: String? = nil, databasePath: String? = nil,
                fronts: FrontTable = .standard, frontsNotice: String? = nil) {
        self.folder = folder
        self.configPath = configPath
        self.databasePath = databasePath
        self.fronts = fronts
        self.frontsNotice = frontsNotice
    }
}

/// Why the dashboard will not start on this terminal, as the message to print.
enum TerminalRefusal: Error, Equatable {
    case notATerminal
    case noTerm
    case unknownTerm(String)
    case tooDumb(String)
    case tooSmall(columns: Int, rows: Int)

    static let refuseBelowColumns: Int32 = 30
    static let refuseBelowRows: Int32 = 8
    var minimumColumns: Int { 60 }
    var minimumRows: Int { 15 }

    var message: String {
        let hint = "To read the claims without a terminal, use: frontline export --format json|csv|markdown FOLDER"
        switch self {
        case .notATerminal:
            return "frontline: the dashboard needs a terminal (standard input and output must both be a tty).\n\(hint)"
        case .noTerm:
            return "frontline: TERM is not set, so the terminal type is unknown. Set TERM (e.g. TERM=xterm-256color).\n\(hint)"
        case .unknownTerm(let term):
            return "frontline: the terminal type TERM=\(term) is not in the terminfo database.\n\(hint)"
        case .tooSmall(let columns, let rows):
            return "frontline: the terminal is \(columns)×\(rows), too small to draw anything useful; the dashboard needs at least \(minimumColumns)×\(minimumRows). Enlarge the window and start again.\n\(hint)"
        case .tooDumb(let term):
            return "frontline: the terminal TERM=\(term) cannot move the cursor, which the dashboard needs.\n\(hint)"
        }
    }
}

public enum DashboardApp {
    /// Runs the dashboard until the user quits; returns the exit code.
    public static func run(_ options: DashboardOptions) -> Int32 {
        let startedAt = monotonicSeconds()
        let env = ProcessInfo.processInfo.environment
        if let refusal = checkTerminal(env: env) {
            printError(refusal.message)
            return 2
        }
        setUpLocale()

        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.folder, isDirectory: &isDir), isDir.boolValue else {
            printError("frontline: no such folder: \(options.folder)")
            return 2
        }
        let folder = (options.folder as NSString).standardizingPath

        // In the background, wait for `fg` before touching the terminal or blocking any signal.
        LoopSignals.unblockAll()
        guard LoopSignals.waitForForeground() else {
            printError("frontline: the dashboard was started in the background and never got the terminal; run it in the foreground.")
            return 2
        }
        // Block the loop's signals before any thread starts, so none of them can take one.
        let signalFD = LoopSignals.openSignalFD()
        LoopSignals.ignoreStray()
        defer {
            if signalFD >= 0 { close(signalFD) }
            LoopSignals.unblockAll()
            LoopSignals.restoreStray()
            signal(SIGTSTP, SIG_DFL)
        }
        let worker = ModelWorker(folder: folder, fronts: options.fronts)
        worker.loadAll(watch: true)
        var saved = termios()
        let haveSaved = tcgetattr(STDIN_FILENO, &saved) == 0
        CrashGuard.install(savedTermios: haveSaved ? saved : nil)
        defer { CrashGuard.uninstall() }

        let noColor = !(env["NO_COLOR"] ?? "").isEmpty
        LoopSignals.claimTSTP()
        guard let screen = CursesScreen(noColor: noColor) else {
            printError(TerminalRefusal.unknownTerm(env["TERM"] ?? "").message)
            return 2
        }
        let trace = Trace(path: env["FRONTLINE_TRACE"])
        defer { trace.close() }

        trace.note("screen-ms", (monotonicSeconds() - startedAt) * 1000)
        let (config, configNotices) = ConfigFile.load(explicit: options.configPath, env: env)
        let review = ReviewLink.open(path: options.databasePath, env: env)
        trace.note("review-open-ms", (monotonicSeconds() - startedAt) * 1000)
        let empty = Corpus(folder: folder, fronts: options.fronts, articles: [], claims: [], comparisons: [], report: LoadReport())
        let state = DashboardState(corpus: empty, config: config, user: review.user,
                                   marks: review.store?.marks() ?? [:], noColor: !screen.usesColor)
        let loop = EventLoop(state: state, screen: screen, signalFD: signalFD, worker: worker,
                             review: review.store, trace: trace, startedAt: startedAt,
                             crashAfterStart: env["FRONTLINE_CRASH_AFTER_START"] == "1")
        if let status = review.status { loop.send(.reviewStatus(status)) }
        if let notice = review.notice { loop.send(.notice(notice)) }
        for notice in configNotices { loop.send(.notice(notice)) }
        if let notice = options.frontsNotice { loop.send(.notice(notice)) }
        let code = loop.run()
        // Ended while another job has the terminal: give it back without being stopped by SIGTTOU.
        if !LoopSignals.inForeground() { signal(SIGTTOU, SIG_IGN) }
        screen.close()
        return code
    }

    /// nil when the dashboard can run here. Loads the terminal description without writing anything.
    static func checkTerminal(env: [String: String]) -> TerminalRefusal? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return .notATerminal }
        guard let term = env["TERM"], !term.isEmpty else { return .noTerm }
        var err: Int32 = 0
        guard setupterm(term, STDOUT_FILENO, &err) == OK else { return .unknownTerm(term) }
        // Without cursor addressing (TERM=dumb) a full-screen program cannot draw.
        guard fl_has_string_cap("cup") == 1 else { return .tooDumb(term) }
        // Smaller than the "too small" notice itself: refuse rather than draw a screen nobody can read.
        // Between this and 60×15 the dashboard runs and asks for a bigger window until it gets one.
        var rows: Int32 = 0
        var columns: Int32 = 0
        if fl_window_size(STDOUT_FILENO, &rows, &columns) == 0, rows > 0, columns > 0,
           columns < TerminalRefusal.refuseBelowColumns || rows < TerminalRefusal.refuseBelowRows {
            return .tooSmall(columns: Int(columns), rows: Int(rows))
        }
        return nil
    }

    /// The user's locale, or C.UTF-8 when its codeset is not UTF-8 (Cyrillic and box lines need it).
    static func setUpLocale() {
        setlocale(LC_ALL, "")
        if fl_codeset_is_utf8() == 0 { setlocale(LC_ALL, "C.UTF-8") }
    }

    static func printError(_ text: String) {
        MessageText.printError(text)
    }
}
