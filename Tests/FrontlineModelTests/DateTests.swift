import Testing
@testable import FrontlineModel

/// An article's date comes from its text only, in the styles news sites write it; a claim's time words
/// are read against it.
@Suite struct DateTests {
    static let body = "Russian forces captured the village of Krasne, the Ukrainian General Staff said."

    func published(_ text: String) -> String? { Repo.article(text).article.published?.iso }

    @Test func wireDatelineTakesTheYearFromTheText() {
        #expect(published("Russia claims village\n\nKYIV, Nov 23 (Reuters) - \(Self.body) The fighting has gone on since 2024.") == "2024-11-23")
    }

    @Test func publishedLine() {
        #expect(published("Ukraine withdraws\n\nBy Jane Roe | Published October 22, 2024\n\n\(Self.body)") == "2024-10-22")
    }

    @Test func dayMonthYearWithTime() {
        #expect(published("Ukraine withdraws\n\n22 November 2024 18:16\n\n\(Self.body)") == "2024-11-22")
    }

    @Test func weekdayDateAloneOnItsLine() {
        #expect(published("Ukraine withdraws\n\nSaturday, November 23, 2024\n\n\(Self.body)") == "2024-11-23")
    }

    @Test func isoDate() {
        #expect(published("Ukraine withdraws\n\n2024-11-23\n\n\(Self.body)") == "2024-11-23")
    }

    @Test func abbreviatedMonthWithTimeZone() {
        #expect(published("Ukraine withdraws\n\nNov. 23, 2024 10:15 GMT\n\n\(Self.body)") == "2024-11-23")
    }

    @Test func markdownFrontMatter() {
        #expect(published("---\ntitle: Ukraine withdraws\ndate: 2024-11-21\n---\n\n\(Self.body)") == "2024-11-21")
    }

    @Test func leadingDateLine() {
        #expect(published(" date 2024-08-12\nUkraine advances\n\n\(Self.body)") == "2024-08-12")
    }

    @Test func dateInTheAddress() {
        #expect(published("Ugledar liberated\n\nhttps://example.com/20241003/ugledar-liberated.html\n\n\(Self.body)") == "2024-10-03")
    }

    @Test func noDateIsNil() {
        #expect(published("Ukraine withdraws\n\n\(Self.body)") == nil)
    }

    @Test func aDateInsideProseIsNotThePublicationDate() {
        #expect(published("Gains\n\nYet since January 1, 2024 Russian forces have taken more than 2,660 square kilometres, an analysis of ISW data showed on Monday.") == nil)
    }

    @Test func claimWithoutTimeWordsTakesTheArticleDate() {
        let a = Repo.article("Gains\n\nSaturday, November 23, 2024\n\n\(Self.body)")
        #expect(Repo.claim(a, containing: "Krasne")?.date?.text == "2024-11-23")
    }

    func claimDate(_ sentence: String, published: String = "2024-11-25") -> String? {
        let parts = published.split(separator: "-").map { Int($0)! }
        return DateReader.claimDate(sentence: sentence, published: Day(year: parts[0], month: parts[1], day: parts[2]))?.text
    }

    @Test func weekdayIsTheLatestOnOrBeforeTheArticle() {
        // 25 November 2024 is a Monday.
        #expect(claimDate("Russia said on Sunday it had captured Krasne.") == "2024-11-24")
        #expect(claimDate("Russia said Monday it had captured Krasne.") == "2024-11-25")
    }

    @Test func yesterdayAndLastWeek() {
        #expect(claimDate("Russia said yesterday it had captured Krasne.") == "2024-11-24")
        #expect(claimDate("Russia captured 235 square kilometres last week.") == "2024-11-18")
    }

    @Test func inAMonthIsThatMonthBeforeTheArticle() {
        #expect(claimDate("The enemy occupied 490 square kilometres in October.") == "2024-10")
        #expect(claimDate("The enemy occupied 490 square kilometres in December.", published: "2025-01-10") == "2024-12")
    }

    @Test func explicitDayWithoutYearTakesTheArticleYear() {
        #expect(claimDate("On Nov. 17 Russia launched 120 missiles.") == "2024-11-17")
        #expect(claimDate("By August 12, Ukraine claimed 1,000 square kilometres.") == "2024-08-12")
    }

    @Test func sinceADateStartsASpanAndDoesNotDateTheClaim() {
        #expect(claimDate("Russia has taken 574 square kilometres since November 1, 2024.") == "2024-11-25")
    }

    @Test func mayTheVerbIsNoMonth() {
        #expect(claimDate("Russia may launch 120 missiles in may.") == "2024-11-25")
    }

    @Test func dayArithmetic() {
        let d = Day(year: 2024, month: 2, day: 29)!
        #expect(d.iso == "2024-02-29")
        #expect(d.adding(days: 1).iso == "2024-03-01")
        #expect(Day(year: 2024, month: 2, day: 30) == nil)
        #expect(Day(year: 2024, month: 11, day: 23)!.weekday == 6)
    }
}

@Suite struct ClaimDateStorageTests {
    @Test func aClaimKeepsItsDateThroughCopiesAndEdits() {
        var a = Repo.article("Gains\n\nSaturday, November 23, 2024\n\n\(DateTests.body)").claims.last!
        #expect(a.date == ClaimDate(day: Day(year: 2024, month: 11, day: 23)!))
        var b = a
        b.hedged = true
        #expect(b.date == a.date && a.hedged == false)
        a.date = ClaimDate(day: Day(year: 2024, month: 10, day: 1)!, precision: .month)
        #expect(a.date?.text == "2024-10" && b.date?.text == "2024-11-23")
        a.date = nil
        #expect(a.date == nil)
    }
}
