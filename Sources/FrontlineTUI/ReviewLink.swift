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

extension ReviewStore: MarkStore {}

/// Opens the review store: `--db` path, else `$XDG_DATA_HOME/frontline/review.sqlite`,
/// else ~/.local/share/frontline/review.sqlite. Trouble gives a read-only store and a notice, never a refusal.
enum ReviewLink {
    struct Opened {
        var store: MarkStore?
        var user: String
        var notice: String?
    }

    static func open(path: String?, env: [String: String]) -> Opened {
        let user = ReviewStore.currentUser(environment: env)
        do {
            let store = try ReviewStore(path: path ?? ReviewStore.defaultPath(environment: env))
            return Opened(store: store, user: user, notice: store.readOnlyReason)
        } catch {
            return Opened(store: nil, user: user, notice: "review marks are not saved: \(error)")
        }
    }
}
