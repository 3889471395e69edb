import Testing
@testable import GongkaiCore

@Suite("Search text: terms, routes, short grams, snippets")
struct SearchTextTests {
    @Test func termsAreSplitOnAnySpaceDeduplicatedAndFolded() {
        #expect(SearchText.terms(of: "  教育　补助 教育 ABC ") == ["教育", "补助", "abc"])
        #expect(SearchText.terms(of: "一 二 三 四 五 六").count == SearchText.maxTerms)
        #expect(SearchText.terms(of: "").isEmpty)
    }

    /// Quotation and book-title marks are not searched for; a quoted phrase keeps its spaces.
    @Test func quotesAroundATermAreDroppedAndAQuotedPhraseStaysWhole() {
        #expect(SearchText.terms(of: "\"教育\"") == ["教育"])
        #expect(SearchText.terms(of: "“低保” 《政府信息公开条例》") == ["低保", "政府信息公开条例"])
        #expect(SearchText.terms(of: "「乡村 振兴」 补助") == ["乡村 振兴", "补助"])
        #expect(SearchText.terms(of: "\"乡村 振兴") == ["乡村", "振兴"])  // unclosed: word by word
        #expect(SearchText.terms(of: "\"\" “” 《》").isEmpty)
        #expect(SearchText.terms(of: "闽政〔2023〕1号") == ["闽政〔2023〕1号"])  // brackets inside a term stay
        // (review) full-width quotes, runs of spaces as the index holds them, no trailing space after a cut
        #expect(SearchText.terms(of: "＂人民 政府＂") == ["人民 政府"])
        #expect(SearchText.terms(of: "\"人民  政府\"") == ["人民 政府"])
        let long = "\"" + String(repeating: "政", count: SearchText.maxTermLength - 1) + " 府\""
        #expect(SearchText.terms(of: long).first?.hasSuffix(" ") == false)
    }

    @Test func eachTermGoesWhereItIsIndexed() {
        #expect(SearchText.route(of: "政府信息") == .trigram)
        #expect(SearchText.route(of: "〔2023〕") == .trigram)
        #expect(SearchText.route(of: "低保") == .shortGram)
        #expect(SearchText.route(of: "村") == .shortGram)
        #expect(SearchText.route(of: "a1") == .shortGram)
        // punctuation too: every code point is in the gram table (review 11h, H2)
        #expect(SearchText.route(of: "〔2") == .shortGram)
        #expect(SearchText.route(of: "%") == .shortGram)
        #expect(SearchText.route(of: "e\u{301}") == .shortGram)
        // counted in code points, as the trigram indexes and the grams count (review 11g, H1):
        // Tibetan བོད is two Characters and three code points; decomposed 한 one Character of three
        #expect("བོད".count == 2 && SearchText.route(of: "བོད") == .trigram)
        #expect(SearchText.route(of: "한".decomposedStringWithCanonicalMapping) == .trigram)
        #expect(SearchText.route(of: "한") == .shortGram)
        #expect(SearchText.route(of: "བོ") != .trigram)
    }

    /// Every one- and two-code-point substring can be found: two code points as a gram, one as
    /// the prefix of a gram or alone — punctuation, a decomposed accent and an emoji's modifier
    /// and joiner included; nothing is folded (the table's tokenizer folds).
    @Test func shortGramsCoverEverySubstringByCodePoint() {
        #expect(SearchText.shortGramTokens(of: "城乡低保，A级。五") == "城乡 乡低 低保 保， ，A A级 级。 。五 五")
        #expect(SearchText.shortGramTokens(of: "a b  c") == "a b c")
        #expect(SearchText.shortGramTokens(of: "") == "")
        for text in ["城乡低保，A级。五", "cafe\u{301} 5%", "👨\u{200D}👩\u{200D}👧👍🏽", "བོད：名", "\u{1100}\u{1161}\u{11A8}"] {
            let tokens = SearchText.shortGramTokens(of: text)
            // split and compared by code points: a space before a combining mark is one Character
            // with it, and String equality would merge canonical equivalents
            let grams = Set(tokens.unicodeScalars.split(separator: " ").map { $0.map(\.value) })
            let scalars = Array(text.unicodeScalars)
            for i in scalars.indices where scalars[i] != " " {
                #expect(grams.contains { $0.first == scalars[i].value }, "\(text): \(scalars[i])")
                if i + 1 < scalars.count, scalars[i + 1] != " " {
                    #expect(grams.contains([scalars[i].value, scalars[i + 1].value]), "\(text): \(i)")
                }
            }
            #expect(grams.allSatisfy { (1...2).contains($0.count) && !$0.contains(32) })
        }
        // compared by code points: String equality would take “é” for “e\u{301}”
        let decomposed = SearchText.shortGramTokens(of: "cafe\u{301}").unicodeScalars.map(\.value)
        #expect(decomposed == "ca af fe e\u{301} \u{301}".unicodeScalars.map(\.value))
    }

    /// The code-point table holds each code point but the space as a token of its own: exactly
    /// the first code points of the gram table's grams, so `"x"` there finds what `"x"*` finds in
    /// the gram table.
    @Test func codePointTokensAreTheGramsFirstCodePoints() {
        #expect(SearchText.codePointTokens(of: "城乡低保，A级") == "城 乡 低 保 ， A 级")
        #expect(SearchText.codePointTokens(of: "a b  c") == "a b c")
        #expect(SearchText.codePointTokens(of: "") == "")
        for text in ["城乡低保，A级。五", "cafe\u{301} 5%", "👨\u{200D}👩\u{200D}👧👍🏽", "བོད：名", "  前后 "] {
            let tokens = SearchText.codePointTokens(of: text).unicodeScalars.split(separator: " ").map { $0.map(\.value) }
            let firsts = SearchText.shortGramTokens(of: text).unicodeScalars.split(separator: " ").map { [$0.first!.value] }
            #expect(tokens == firsts, "\(text)")
        }
    }

    @Test func termsAreQuotedForFTSAndLike() {
        #expect(SearchText.ftsString("a\"b") == "\"a\"\"b\"")
        #expect(SearchText.ftsString("title : x OR y") == "\"title : x OR y\"")
        #expect(SearchText.shortGramQuery("低保") == "\"低保\"")
        #expect(SearchText.shortGramQuery("村") == "\"村\"*")
        #expect(SearchText.shortGramQuery("，") == "\"，\"*")
        #expect(SearchText.shortGramQuery("e\u{301}") == "\"e\u{301}\"")
        #expect(SearchText.shortGramQuery("政府信息") == nil)
        #expect(SearchText.likePattern("50%_a\\b") == "%50\\%\\_a\\\\b%")
    }

    @Test func snippetsCutAroundTheFirstHitAndMarkEveryHit() {
        let body = String(repeating: "前文", count: 40) + "城乡低保标准提高，低保对象增加。" + String(repeating: "后文", count: 40)
        let segments = SearchText.snippet(of: body, terms: ["低保"], length: 40)
        #expect(segments.first?.text.hasPrefix("…") == true)
        #expect(segments.last?.text.hasSuffix("…") == true)
        #expect(segments.filter(\.isHit).map(\.text) == ["低保", "低保"])
        #expect(segments.map(\.text).joined().count <= 42)
        // the longer term wins where terms overlap; ASCII case is ignored
        let mixed = SearchText.snippet(of: "关于ABC项目的低保标准", terms: ["abc", "低保标准", "低保"])
        #expect(mixed.filter(\.isHit).map(\.text) == ["ABC", "低保标准"])
        // a title is marked whole, wherever the hit is
        #expect(SearchText.highlight("县教育局2024年义务教育招生工作方案", terms: ["招生"]).map(\.text) == ["县教育局2024年义务教育", "招生", "工作方案"])
        // nothing in the body: its start
        #expect(SearchText.snippet(of: "正文开头", terms: ["标题词"]) == [.init("正文开头", isHit: false)])
    }

    /// A snippet reads at most `snippetScanLimit` characters of a body (review 11k, H2: a page of
    /// bodies of 200,000 characters took seconds): a hit within is marked, one beyond shows the
    /// body's start, cut; line breaks (CRLF too) are spaces.
    @Test func snippetsReadOnlyTheBeginningOfALongBody() {
        let limit = SearchText.snippetScanLimit
        let within = String(repeating: "文", count: limit - 10) + "低保" + String(repeating: "字", count: 200_000)
        let found = SearchText.snippet(of: within, terms: ["低保"], length: 40)
        #expect(found.filter(\.isHit).map(\.text) == ["低保"])
        #expect(found.last?.text.hasSuffix("…") == true)
        let beyond = String(repeating: "文", count: limit) + "低保" + "结尾"
        let start = SearchText.snippet(of: beyond, terms: ["低保"], length: 40)
        #expect(start == [.init(String(repeating: "文", count: 40) + "…", isHit: false)])
        #expect(SearchText.snippet(of: "第一行\r\n第二行\n低保", terms: ["低保"]).map(\.text) == ["第一行 第二行 ", "低保"])
    }
}
