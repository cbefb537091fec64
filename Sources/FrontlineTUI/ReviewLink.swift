import FrontlineModel
import FrontlineReview

/// What the loop needs from the review store: load marks, save one (committed before returning),
/// and a cheap check for other processes' saves.
protocol MarkStore: AnyObject {
    var readOnlyReason: String? { get }
    func marks() -> [String: ReviewMark]
    func save(_ mark: ReviewMark) throws
    func changedSinceLastCheck() -> Bool
}

/// ADAPTER POINT for the `review` branch's ReviewStore: once it is on main, this opens it
/// (`--db` path, else `$XDG_DATA_HOME/frontline/review.sqlite`, else ~/.local/share/frontline/review.sqlite).
enum ReviewLink {
    struct Opened {
        var store: MarkStore?
        var user: String
        var notice: String?
    }

    static func open(path: String?, env: [String: String]) -> Opened {
        let user = env["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LOGNAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "analyst"
        return Opened(store: nil, user: user, notice: "review marks are not saved: the review store is not built in yet")
    }
}
