extension IssuerReader {
    /// The last 14 lines of a report as the readers of its end see them, with a site's chrome and
    /// a list of other pages decided once for the three of them (each tested every line with a
    /// dozen byte searches: about 3 % of a report check).
    struct LastLines {
        /// The lines for the signature: chrome left out, then cut before a list of other pages
        /// ("相关阅读" and the agencies and dates of other reports: those name other issuers and
        /// dates, not the report's).
        let signed: [String]
        /// The lines for the date at the end: cut before a list of other pages (a chrome line
        /// may open it), then chrome left out.
        let dated: [String]
        /// The lines holding an issuer label (`issuerLabels`), in order: the only ones
        /// `labelledIssuer` reads.
        let labelled: [String]

        init(_ lines: [String]) {
            // In one pass over the lines, no array of each test's answers (they cost as much as
            // the tests on the lines that hold no word: most).
            var signed: [String] = [], dated: [String] = [], labelled: [String] = []
            // Whether `signed` and `dated` still take lines: each ends before a list of other pages.
            var signing = true, dating = true
            for line in lines.suffix(14) {
                // A line holding no chrome word, list label nor issuer label (most: long lines of the
                // last section) is none of them, told in one pass over it (a pass for each test before).
                guard IssuerReader.endWordMatcher.matchesAny(line) else {
                    if signing { signed.append(line) }
                    if dating { dated.append(line) }
                    continue
                }
                let chrome = IssuerReader.isChrome(line)
                if IssuerReader.issuerLabelMatcher.matchesAny(line) { labelled.append(line) }
                // A list label on a chrome line cuts `dated` but not `signed` (chrome is dropped first there).
                if IssuerReader.isListOfOtherPages(line) {
                    dating = false
                    if !chrome { signing = false }
                }
                guard !chrome else { continue }
                if signing { signed.append(line) }
                if dating { dated.append(line) }
            }
            self.signed = signed
            self.dated = dated
            self.labelled = labelled
        }
    }
}
