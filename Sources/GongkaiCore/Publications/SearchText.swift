import Foundation

/// The text side of Chinese search, the same for both databases: how a query is split into
/// terms, which terms the trigram index serves (three code points or more) and which the short
/// index of one- and two-character grams serves, how terms are quoted for FTS5 and LIKE, and how
/// a snippet around the first hit is cut and highlighted. No I/O.
public enum SearchText {
    /// At most this many terms are searched (the rest of the query is ignored).
    public static let maxTerms = 5
    /// Longer terms are cut (a pasted paragraph is not a query).
    public static let maxTermLength = 60

    /// The terms of a query: split on white space (ASCII and the ideographic space U+3000), a
    /// phrase in quotes ("…", “…”, 「…」, 『…』) kept whole with its spaces, quotation marks and
    /// book-title marks (《》〈〉) around a term dropped — people type them as they would in a
    /// web search, and they are not part of what they look for — duplicates dropped, ASCII
    /// letters lower-cased (`fold`), at most `maxTerms`.
    public static func terms(of query: String) -> [String] {
        var seen: Set<String> = []
        var terms: [String] = []
        for raw in pieces(of: query) {
            // Spaces inside a phrase as the index holds them (runs collapsed to one), and a
            // phrase cut to the length limit never ends in one.
            let bare = raw.trimmingCharacters(in: wrappingMarks).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            let term = String(String(bare.map(fold)).prefix(maxTermLength)).trimmingCharacters(in: .whitespaces)
            guard !term.isEmpty, seen.insert(term).inserted else { continue }
            terms.append(term)
            if terms.count == maxTerms { break }
        }
        return terms
    }

    /// Marks around a term that are not part of it.
    static let wrappingMarks = CharacterSet(charactersIn: "\"'＂“”‘’「」『』《》〈〉")
    private static let pairs: [Character: Character] = ["\"": "\"", "＂": "＂", "“": "”", "「": "」", "『": "』"]

    /// Whitespace-separated pieces, except that a quoted phrase is one piece.
    private static func pieces(of query: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var closing: Character?
        for c in query {
            if let close = closing {
                if c == close { closing = nil; pieces.append(current); current = "" } else { current.append(c) }
            } else if let close = pairs[c], current.isEmpty {
                closing = close
            } else if c.isWhitespace {
                if !current.isEmpty { pieces.append(current); current = "" }
            } else {
                current.append(c)
            }
        }
        if closing != nil {
            // An unclosed quote: its words are searched one by one.
            pieces += current.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        } else if !current.isEmpty {
            pieces.append(current)
        }
        return pieces.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// ASCII letters lower-cased, everything else as it is: the terms' canonical form (the cache
    /// key) and the snippet's matching. The indexes fold every letter themselves (SQLite: FTS5's
    /// Unicode case fold in both tables; PostgreSQL: `ILIKE` and `lower()`), and Chinese has no case.
    public static func fold(_ c: Character) -> Character {
        c.isASCII && c.isUppercase ? Character(c.lowercased()) : c
    }

    /// How a term is found.
    public enum Route: Equatable, Sendable {
        /// Three code points or more: the trigram index (FTS5 trigram, pg_trgm).
        case trigram
        /// One or two code points, whatever they are (letters, digits, punctuation, marks,
        /// symbols): the index of one- and two-code-point grams (SQLite `publication_grams`,
        /// PostgreSQL `gongkai_grams`).
        case shortGram
    }

    /// Counted in Unicode scalars (code points), not Characters: FTS5's trigram tokenizer and
    /// pg_trgm make their trigrams of code points, and both gram indexes their grams of one and
    /// two code points. Tibetan “བོད” is two Characters (བོ + ད) but three code points, a
    /// decomposed Hangul syllable one Character of two or three: counted as Characters they went
    /// to the gram index, where no gram can equal them (review 11g, H1).
    public static func route(of term: String) -> Route {
        term.unicodeScalars.count >= 3 ? .trigram : .shortGram
    }

    /// The one code point that separates grams in `shortGramTokens`; the gram table's tokenizer
    /// takes every other code point as part of a token. A gram with a space in it is never
    /// searched: terms are split on spaces and trimmed, so a term of one or two code points has
    /// none.
    public static let gramSeparator: Unicode.Scalar = " "

    /// The short-gram index text of `text` (SQLite `publication_grams`): for each code point
    /// (Unicode scalar, as FTS5's trigram tokenizer and PostgreSQL's `gongkai_grams` count),
    /// the gram of it and the next one, or the code point alone when it is the last or a space
    /// follows; grams separated by a space. Every code point is kept — punctuation, combining
    /// marks, emoji modifiers and joiners — and none is folded here: the table's tokenizer
    /// (`unicode61`, `remove_diacritics 0`, every category a token character, the space the
    /// only separator) folds them with the same function as the trigram table, so a term finds
    /// the same rows whichever table serves it (review 11h, H2 and M1). A one-code-point term
    /// `x` is found by the prefix query `x*` (a gram starts with it, or it stands alone), a
    /// two-code-point term by its gram.
    public static func shortGramTokens(of text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        out.reserveCapacity(text.utf8.count * 2)
        for (i, c) in scalars.enumerated() where c != gramSeparator {
            if !out.isEmpty { out.append(gramSeparator) }
            out.append(c)
            if i + 1 < scalars.count, scalars[i + 1] != gramSeparator { out.append(scalars[i + 1]) }
        }
        return String(out)
    }

    /// The code-point index text of `text` (SQLite `publication_code_points`): every code point
    /// but the space a token of its own, separated by a space. A one-code-point term is then one
    /// token, read as one doclist newest first; in the gram table it is the prefix query `x*`,
    /// whose doclists (every gram starting with it) FTS5 merges whole before the first row
    /// (“的” about 1 s, “，” 2 s at 100,000 publications). The table's tokenizer is the gram
    /// table's, so it folds as the gram table does and finds the same rows.
    public static func codePointTokens(of text: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.utf8.count * 2)
        for c in text.unicodeScalars where c != gramSeparator {
            if !out.isEmpty { out.append(gramSeparator) }
            out.append(c)
        }
        return String(out)
    }

    /// The FTS5 query for a short term in the short-gram table, or nil when the term goes to
    /// the trigram table.
    public static func shortGramQuery(_ term: String) -> String? {
        guard !term.isEmpty, route(of: term) == .shortGram else { return nil }
        return term.unicodeScalars.count == 1 ? ftsString(term) + "*" : ftsString(term)
    }

    /// A term as an FTS5 string (a phrase of its trigrams in the trigram table): double quotes
    /// doubled, so no operator or column filter can be smuggled in.
    public static func ftsString(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `%term%` for LIKE/ILIKE with `\` as the escape character.
    public static func likePattern(_ term: String) -> String {
        var escaped = ""
        for c in term {
            if c == "%" || c == "_" || c == "\\" { escaped.append("\\") }
            escaped.append(c)
        }
        return "%" + escaped + "%"
    }

    /// A piece of a snippet, highlighted when it is a hit.
    public struct Segment: Equatable, Sendable {
        public let text: String
        public let isHit: Bool
        public init(_ text: String, isHit: Bool) {
            self.text = text
            self.isHit = isHit
        }
    }

    /// The whole of `text` with every hit of a term marked (titles).
    public static func highlight(_ text: String, terms: [String]) -> [Segment] {
        snippet(of: text, terms: terms, length: Int.max / 2, from: 0)
    }

    /// How far into a text (in characters) a snippet looks for a hit. Bodies may hold 200,000
    /// characters, a page shows up to 50 hits, and snippets are made after the database's part
    /// of the search, outside its time limit: reading every body whole took seconds for a page
    /// (review 11k, H2). A hit further in shows the text's beginning.
    public static let snippetScanLimit = 20_000

    /// About `length` characters of `text` around the first hit of any term, with every hit
    /// inside marked; the start of the text when nothing matches (a hit in the title only).
    /// Line breaks become spaces; an ellipsis marks a cut.
    public static func snippet(of text: String, terms: [String], length: Int = 120, from fixedStart: Int? = nil) -> [Segment] {
        let window = text.prefix(snippetScanLimit)
        let chars = window.map { $0 == "\r\n" || $0 == "\n" ? " " : $0 }
        let lowered = chars.map(fold)
        let needles = terms.map { Array($0) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        func hit(at i: Int) -> Int? {
            for needle in needles where i + needle.count <= lowered.count {
                if lowered[i..<(i + needle.count)].elementsEqual(needle) { return needle.count }
            }
            return nil
        }
        var first: Int?
        var i = 0
        while i < lowered.count, first == nil {
            if hit(at: i) != nil { first = i }
            i += 1
        }
        let start = fixedStart ?? first.map { max(0, $0 - length / 3) } ?? 0
        let end = min(chars.count, start + min(length, chars.count))
        var segments: [Segment] = []
        var plain = start > 0 ? "…" : ""
        var j = start
        while j < end {
            if let n = hit(at: j) {
                if !plain.isEmpty { segments.append(Segment(plain, isHit: false)); plain = "" }
                let stop = min(chars.count, j + n)
                segments.append(Segment(String(chars[j..<stop]), isHit: true))
                j = stop
            } else {
                plain.append(chars[j])
                j += 1
            }
        }
        if end < chars.count || window.endIndex < text.endIndex { plain += "…" }
        if !plain.isEmpty { segments.append(Segment(plain, isHit: false)) }
        return segments
    }
}
