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
    /// Moves marks to new claim ids ([old: new]).
    func rename(_ renames: [String: String]) throws
    func changedSinceLastCheck() -> Bool
}

extension ReviewStore: MarkStore {}

/// Opens the review database: `--db` path, else `$XDG_DATA_HOME/frontline/review.sqlite`,
/// else ~/.local/share/frontline/review.sqlite. Never fails the start: trouble is a status message.
enum ReviewLink {
    struct Opened {
        var store: MarkStore?
        var user: String
        /// A few words for the status line when marks cannot be saved or shared.
        var status: String?
        /// The whole story (which file, why), for the notice line.
        var notice: String?
    }

    static func open(path: String?, env: [String: String]) -> Opened {
        let user = ReviewStore.currentUser(environment: env)
        let file = path ?? ReviewStore.defaultPath(environment: env)
        let store: ReviewStore
        do {
            store = try ReviewStore(path: file)
        } catch {
            return Opened(store: nil, user: user, status: "marks not saved", notice: "review marks cannot be saved: \(error)")
        }
        if let why = store.readOnlyReason {
            return Opened(store: store, user: user, status: "read-only: marks not saved",
                          notice: "review store \(file) is read-only: \(why)")
        }
        if store.isSnapshot {
            return Opened(store: store, user: user, status: "marks from a copy",
                          notice: "review marks come from a copy of \(file): other programs' saves will not show")
        }
        return Opened(store: store, user: user, status: nil, notice: nil)
    }
}
