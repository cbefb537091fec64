import Testing
@testable import FrontlineTUI

@Suite struct ConfigTests {
    @Test func colorsKeysAndDisplayAreRead() {
        let text = """
        # frontline settings
        [colors]
        number = "magenta"
        conflict = "#ff3300"   # a hex colour
        claimant = "default"

        [keys]
        quit = "Q"
        down = ["j", "ctrl-n"]
        mark-confirmed = "x"

        [display]
        furniture = true
        """
        let (config, errors) = Config.parse(text)
        #expect(errors.isEmpty)
        #expect(config.colors[.number] == .ansi(5, bright: false))
        #expect(config.colors[.conflict] == .rgb(0xFF, 0x33, 0x00))
        #expect(config.colors[.claimant] == .default)
        #expect(config.keys.action(for: .char("Q")) == .quit)
        #expect(config.keys.action(for: .char("q")) == nil)
        #expect(config.keys.action(for: .ctrl("n")) == .down)
        // "x" moved from clear-filters to mark-confirmed.
        #expect(config.keys.action(for: .char("x")) == .markConfirmed)
        #expect(config.keys.keys[.clearFilters]?.isEmpty == true)
        #expect(config.showFurniture)
        #expect(config.theme().appearance(for: Style(.number)).foreground == .ansi(5, bright: false))
    }

    @Test func badLinesAreReportedByLineNumberAndDefaultsApply() {
        let text = """
        [colors]
        number = "purple-ish"
        shouting = "red"
        title = blue
        [keys]
        jump = "j"
        quit = "ctrl-"
        [sounds]
        this line has no equals sign
        [colors]
        accent = "bright-cyan"
        """
        let (config, errors) = Config.parse(text)
        #expect(errors.map(\.line) == [2, 3, 4, 6, 7, 8, 9])
        #expect(errors[0].description.contains("line 2"))
        #expect(errors[1].message.contains("shouting"))
        #expect(errors[3].message.contains("jump"))
        #expect(config.colors[.number] == nil)
        #expect(config.colors[.accent] == .ansi(6, bright: true))
        #expect(config.keys.action(for: .char("q")) == .quit)
    }

    @Test func windowsLineEndsAndAByteOrderMarkAreFine() {
        let (config, errors) = Config.parse("\u{FEFF}[colors]\r\nnumber = \"red\"\r\n\r\n[keys]\r\nquit = \"Q\" # shout\r\n")
        #expect(errors.isEmpty)
        #expect(config.colors[.number] == .ansi(1, bright: false))
        #expect(config.keys.action(for: .char("Q")) == .quit)
    }

    @Test func monochromeThemeUsesAttributesOnly() {
        let theme = Config().theme(noColor: true)
        #expect(!theme.usesColor)
        for role in ColorRole.allCases {
            let a = theme.appearance(for: Style(role))
            #expect(a.foreground == .default && a.background == .default)
        }
        #expect(theme.appearance(for: Style(.conflict)).bold)
        #expect(theme.appearance(for: Style(.selection)).reverse)
        #expect(theme.appearance(for: Style(.furniture)).dim)
        #expect(theme.appearance(for: Style(.highlight)).underline)
    }
}
