import FrontlineModel
import GRDB

// STUB: replaced by the review work.
public final class ReviewStore {
    public init(path: String) throws {}
}
