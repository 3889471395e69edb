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
            let lines = Array(lines.suffix(14))
            // A line holding no chrome word, list label nor issuer label (most: long lines of the
            // last section) is none of them, told in one pass over it (a pass for each test before).
            let any = lines.map(IssuerReader.endWordMatcher.matchesAny)
            let chrome = lines.indices.map { any[$0] && IssuerReader.isChrome(lines[$0]) }
            // A list label on a chrome line cuts `dated` but not `signed` (chrome is dropped first there).
            let list = lines.indices.map { any[$0] && IssuerReader.isListOfOtherPages(lines[$0]) }
            labelled = lines.indices.filter { any[$0] && IssuerReader.issuerLabelMatcher.matchesAny(lines[$0]) }.map { lines[$0] }
            let signedEnd = lines.indices.first { !chrome[$0] && list[$0] } ?? lines.count
            let datedEnd = lines.indices.first { list[$0] } ?? lines.count
            signed = lines.indices.prefix(signedEnd).filter { !chrome[$0] }.map { lines[$0] }
            dated = lines.indices.prefix(datedEnd).filter { !chrome[$0] }.map { lines[$0] }
        }
    }
}
