import Foundation

/// Text as found in published reports, made comparable: full-width digits, letters and
/// brackets become half-width (NFKC), no-break and ideographic spaces become spaces, line ends
/// are unified. `key` goes further for label matching: no spaces, no punctuation.
enum ReportText {
    static func normalize(_ text: String) -> String {
        var s = text.precomposedStringWithCompatibilityMapping
        if s.contains("\r") { s = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
        if s.unicodeScalars.contains(where: { invisible.contains($0) }) {
            s.unicodeScalars.removeAll { invisible.contains($0) }
        }
        return s
    }

    /// Zero-width characters that crawled pages scatter inside words.
    private static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{2060}"]

    /// Letters, digits and CJK only: `（二）部分公开（区分处理的…）` → `二部分公开区分处理的…`.
    static func key(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isKeyScalar(scalar) { out.append(scalar) }
        return String(out)
    }

    static func isKeyScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .otherLetter, .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0x20000...0x2A6DF).contains(s.value)
    }
}
