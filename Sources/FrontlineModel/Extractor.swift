// STUB: naive extraction so that the front end has something to show; replaced by the real stages.
public enum Extractor {
    public static func analyze(_ file: SourceFile, fronts: FrontTable) -> AnalyzedArticle {
        let text = file.text
        var blocks: [Block] = []
        var claims: [Claim] = []
        var offset = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let length = line.utf8.count
            if length > 0 {
                blocks.append(Block(kind: .body, range: offset..<(offset + length)))
                claims.append(Claim(id: "\(file.id)#\(claims.count)", article: file.id, ordinal: claims.count,
                                    text: String(line), range: offset..<(offset + length), claimant: nil,
                                    fronts: [], quantities: QuantityFinder.quantities(in: String(line)),
                                    hedged: false, places: []))
            }
            offset += length + 1
        }
        let article = Article(id: file.id, path: file.path, title: nil, outlet: nil, text: text, blocks: blocks)
        return AnalyzedArticle(article: article, claims: claims, byteCount: file.byteCount)
    }
}

public enum Comparer {
    /// Groups claims from different articles that state the same fact.
    public static func compare(articles: [Article], claims: [Claim]) -> [Comparison] { [] }
}
