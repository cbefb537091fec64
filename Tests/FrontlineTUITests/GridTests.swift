import Testing
import FrontlineModel
@testable import FrontlineTUI

@Suite struct GridTests {
    @Test func escapeSequencesAndControlsAreDrawnVisibly() {
        var grid = CellGrid(width: 40, height: 1)
        grid.put("a\u{1B}[31mred\u{07}b\u{7F}c\u{9B}d", x: 0, y: 0)
        #expect(grid.row(0).hasPrefix("a␛[31mred␇b␡c¿d"))
        for cell in grid.cells {
            for scalar in cell.text.unicodeScalars {
                #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value))
            }
        }
        #expect(grid[1, 0].style.role == .warning)
    }

    @Test func bidiOverridesAndZeroWidthCharactersAreMarked() {
        var grid = CellGrid(width: 30, height: 1)
        // A filename trick: RLO would show "txt.exe" as "exe.txt"; ZWSP and BOM hide in plain text.
        grid.put("report\u{202E}txt.exe\u{200B}x\u{FEFF}y\u{2066}z", x: 0, y: 0)
        #expect(grid.row(0).hasPrefix("report¿txt.exe¿x¿y¿z"))
    }

    @Test func softHyphensVanishAndOtherFormatCharactersShow() {
        var grid = CellGrid(width: 20, height: 1)
        let used = grid.put("Khar\u{AD}kiv\u{180E}x\u{600}", x: 0, y: 0)
        #expect(grid.row(0).hasPrefix("Kharkiv¿x¿"))
        #expect(used == 10)
        #expect(TextWidth.width(of: "Khar\u{AD}kiv") == 7)
    }

    @Test func wideCharactersTakeTwoCellsAndMarksJoinTheirLetter() {
        var grid = CellGrid(width: 20, height: 1)
        let used = grid.put("日本 Kyïv e\u{301}", x: 0, y: 0)
        #expect(used == 4 + 1 + 4 + 1 + 1)
        #expect(grid[0, 0].text == "日")
        #expect(grid[1, 0].text == "")
        #expect(grid[2, 0].text == "本")
        #expect(grid[10, 0].text == "e\u{301}")
        #expect(TextWidth.width(of: "🇺🇦 войска 🙂") == 2 + 1 + 6 + 1 + 2)
    }

    @Test func truncationEndsInEllipsisAndNeverSplitsAWideCharacter() {
        var grid = CellGrid(width: 10, height: 1)
        let used = grid.put("日本語のテキスト", x: 0, y: 0, maxWidth: 6)
        #expect(used == 6)
        // 日本 is 4 columns; 語 would need columns 5–6 but the ellipsis needs column 6.
        #expect(grid.row(0).hasPrefix("日本 …"))
        #expect(grid[5, 0].text == "…")
        var fits = CellGrid(width: 10, height: 1)
        #expect(fits.put("日本語", x: 0, y: 0, maxWidth: 6) == 6)
        #expect(!fits.row(0).contains("…"))
        #expect(TextWidth.truncate("Zelensky said 6,000 km²", to: 10) == "Zelensky …")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("日本語", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)
        #expect(grid.row(0) == " x本語")
        grid.put("y", x: 2, y: 0)
        #expect(grid.row(0) == " xy 語")
    }

    @Test func tooManyCombiningMarksAreCapped() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("a" + String(repeating: "\u{301}", count: 50) + "b", x: 0, y: 0)
        #expect(grid[0, 0].text.unicodeScalars.count == 5)
        #expect(grid[1, 0].text == "b")
    }
}

@Suite struct FormatTests {
    @Test func numbersAreGroupedAndNeverOverflow() {
        #expect(Fmt.number(6000) == "6,000")
        #expect(Fmt.number(-1_234_567) == "-1,234,567")
        #expect(Fmt.number(2.5) == "2.5")
        #expect(Fmt.number(0.04) == "0")
        #expect(Fmt.number(1e300) == "1e+300")
        #expect(Fmt.number(.nan) == "–")
        #expect(Fmt.percent(1, 3) == "33%")
        #expect(Fmt.percent(0, 0) == "–")
        #expect(Fmt.clock(1_700_000_000, offset: 0) == "22:13:20")
    }

    @Test func quantitiesShowTheirBound() {
        let q = Quantity(value: 6000, unit: "km2", bound: .moreThan, text: "more than 6,000 square kilometres", range: 0..<33)
        #expect(Fmt.quantity(q) == ">6,000 km2")
        let about = Quantity(value: 59_000, unit: "troops", bound: .about, text: "approximately 59,000 troops", range: 0..<27)
        #expect(Fmt.quantity(about) == "~59,000 troops")
    }
}
