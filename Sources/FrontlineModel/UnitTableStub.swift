// TEMPORARY until the quantities stage lands with its unit table.
public enum UnitTable {
    public static func dimension(of unit: String?) -> String? {
        switch unit {
        case "km2", "sq mi": return "area"
        case "km", "mi", "m": return "length"
        case "m/day", "km/day": return "speed"
        case "%": return "percent"
        case nil: return nil
        default: return "count"
        }
    }
    public static func convert(_ value: Double, from: String, to: String) -> Double? {
        if from == to { return value }
        let factors: [String: Double] = ["km2": 1, "sq mi": 2.589988, "km": 1000, "mi": 1609.344, "m": 1, "m/day": 1, "km/day": 1000]
        guard let a = factors[from], let b = factors[to], dimension(of: from) == dimension(of: to) else { return nil }
        return value * a / b
    }
}
