import Foundation

/// A reply published on the portal carries neither the sender's name nor a phone number nor an
/// identity card number, even typed into the letter ("我是王小明，电话 13812345678"): the text the
/// head approves starts from this, and what is published passes through it again.
public enum PublicationRedaction {
    public static let nameMark = "某某"
    public static let numberMark = "***"

    /// Mobile numbers (`138 1234 5678`, `+86-13812345678`), landlines with an area code
    /// (`0991-1234567`, `(010)12345678`), 18-digit identity numbers; never inside a longer run of digits.
    static let patterns: [NSRegularExpression] = [
        #"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])"#,
        #"(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9])"#,
        #"(?<![0-9])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})[\s-]?[0-9]{7,8}(?:-[0-9]{1,6})?(?![0-9])"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// `text` without the sender's name (when it has two characters or more: one character is
    /// too common to remove), their phone in any spacing, and any number of the kinds above.
    public static func redact(_ text: String, senderName: String, senderPhone: String) -> String {
        var out = text
        let name = senderName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.count >= 2 { out = out.replacingOccurrences(of: name, with: nameMark) }
        var regexes: [NSRegularExpression] = []
        let digits = senderPhone.filter(\.isNumber)
        if digits.count >= 7 {
            // The sender's own number, digits separated by spaces or dashes as typed.
            let pattern = "(?<![0-9])" + digits.map(String.init).joined(separator: #"[\s-]?"#) + "(?![0-9])"
            if let regex = try? NSRegularExpression(pattern: pattern) { regexes.append(regex) }
        }
        for regex in regexes + patterns { out = replacing(regex, in: out) }
        return out
    }

    /// The matches of `regex` replaced by the mark. The regex runs on a folded copy in which
    /// full-width forms (typed with a Chinese input method: `１３８－１２３４－５６７８`, `（０５９１）`,
    /// `Ｘ`), other dashes and the ideographic space are their ASCII twins, one UTF-16 unit for
    /// one, so its ranges hold in the text as written, which is otherwise left alone.
    static func replacing(_ regex: NSRegularExpression, in text: String) -> String {
        let folded = String(String.UnicodeScalarView(text.unicodeScalars.map(fold)))
        let original = NSMutableString(string: text)
        let matches = regex.matches(in: folded, range: NSRange(location: 0, length: (folded as NSString).length))
        for match in matches.reversed() { original.replaceCharacters(in: match.range, with: numberMark) }
        return original as String
    }

    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0)!
        case 0x2010...0x2015, 0x2212: return "-"
        case 0x3000: return " "
        default: return scalar
        }
    }
}
