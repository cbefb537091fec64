// STUB (to be replaced by the places and fronts work).

/// A place named in a sentence, resolved through the gazetteer.
public struct PlaceMention: Sendable, Hashable {
    /// Canonical name ("Kharkiv" for "Kharkov").
    public var name: String
    /// The oblast or region the place lies in ("Kharkiv Oblast", "Kursk Oblast"), when known.
    public var region: String?
    public var latitude: Double
    public var longitude: Double
    /// UTF-8 byte offsets within the sentence.
    public var range: Range<Int>

    public init(name: String, region: String?, latitude: Double, longitude: Double, range: Range<Int>) {
        self.name = name
        self.region = region
        self.latitude = latitude
        self.longitude = longitude
        self.range = range
    }
}

public final class Gazetteer: Sendable {
    public static let shared = Gazetteer()
    public init() {}
    /// Places named in the sentence, in order.
    public func mentions(in sentence: String) -> [PlaceMention] { [] }
}

public struct FrontTable: Sendable {
    public var definitions: [FrontDefinition]
    public init(definitions: [FrontDefinition]) { self.definitions = definitions }
    /// The fronts shipped in Data/fronts.json.
    public static let standard = FrontTable(definitions: [])
    /// The standard fronts plus those in a user's file.
    public static func loading(userFile: String) throws -> FrontTable { standard }
    /// Names of the fronts a place belongs to.
    public func fronts(for place: PlaceMention) -> [String] { [] }
}
