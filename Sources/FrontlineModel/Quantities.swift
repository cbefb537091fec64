// STUB (to be replaced by the quantities work).
public enum QuantityFinder {
    /// Every number the sentence asserts, with normalised value, unit and bound.
    public static func quantities(in sentence: String) -> [Quantity] { [] }
}
