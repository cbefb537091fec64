import Foundation

/// Finds and reads the config file; problems become status-line notices, never a refusal to start.
enum ConfigFile {
    /// `--config PATH` when given, else `$XDG_CONFIG_HOME/frontline/config.toml`, else `~/.config/frontline/config.toml`.
    static func location(explicit: String?, env: [String: String]) -> (path: String, explicit: Bool)? {
        if let explicit { return (explicit, true) }
        if let xdg = env["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return (xdg + "/frontline/config.toml", false) }
        guard let home = env["HOME"], !home.isEmpty else { return nil }
        return (home + "/.config/frontline/config.toml", false)
    }

    /// The config to use and the notices to show (bad lines, an unreadable or missing `--config` file).
    static func load(explicit: String?, env: [String: String]) -> (Config, [String]) {
        guard let (path, isExplicit) = location(explicit: explicit, env: env) else { return (Config(), []) }
        guard FileManager.default.fileExists(atPath: path) else {
            // Only a file the user named is worth a word when missing.
            return (Config(), isExplicit ? ["config: no such file \(path)"] : [])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (Config(), ["config: cannot read \(path)"])
        }
        let (config, errors) = Config.parse(String(decoding: data, as: UTF8.self))
        let name = (path as NSString).lastPathComponent
        return (config, errors.map { "\(name): \($0.description)" })
    }
}
