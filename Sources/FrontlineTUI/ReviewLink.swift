import FrontlineModel
import FrontlineReview

/// What the loop needs from the review store: load marks, save one (committed before returning),
/// and a cheap check for other processes' saves. A protocol so the loop can be driven without SQLite.
protocol MarkStore: AnyObject {
    var readOnlyReason: String? { get }
    /// True when other processes' later saves cannot show (the store works on a copy).
    var isSnapshot: Bool { get }
    func marks() -> [String: ReviewMark]
    func save(_ mark: ReviewMark) throws
    func changedSinceLastCheck() -> Bool
}

extension ReviewStore: MarkStore {}

/// Opens the review database: `--db` path, else `$XDG_DATA_HOME/frontline/review.sqlite`,
/// else ~/.local/share/frontline/review.sqlite. Never fails the start: trouble is a status message.
enum ReviewLink {
    struct Opened {
        var store: MarkStore?
        var user: String
        /// For the status line when marks cannot be saved or shared.
        var notice: String?
    }

    static func open(path: String?, env: [String: String]) -> Opened {
        let user = ReviewStore.currentUser(environment: env)
        let file = path ?? ReviewStore.defaultPath(environment: env)
        let store: ReviewStore
        do {
            store = try ReviewStore(path: file)
        } catch {
            return Opened(store: nil, user: user, notice: "review marks cannot be saved: \(error)")
        }
        var notice: String?
        if let why = store.readOnlyReason {
            notice = "review store read-only: \(why)"
        } else if store.isSnapshot {
            notice = "review marks from a copy: other programs' saves will not show"
        }
        return Opened(store: store, user: user, notice: notice)
    }
}
