import CNcursesShim
import FrontlineModel

public struct DashboardOptions: Sendable {
    public var folder: String
    public var configPath: String?
    public var databasePath: String?
    public init(folder: String, configPath: String? = nil, databasePath: String? = nil) {
        self.folder = folder
        self.configPath = configPath
        self.databasePath = databasePath
    }
}

// STUB: replaced by the ncurses backend and event loop work.
public enum DashboardApp {
    /// Runs the dashboard until the user quits; returns the exit code.
    public static func run(_ options: DashboardOptions) -> Int32 { 1 }
}
