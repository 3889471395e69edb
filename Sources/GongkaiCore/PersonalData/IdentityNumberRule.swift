import Foundation

/// What an identity number may be, for every document type: the one definition registration
/// (passports and other documents; resident ID cards and credit codes are checked further by
/// `ResidentIDNumber` and `UnifiedSocialCreditCode`) and the personal-data export share, so that
/// the export finds every number registration stored (#14 review 14e: the export refused
/// `军字第2001988号`, `E1234`, `AB/123/456`, which registration took).
///
/// Judged as the look-ups compare it (`PersonalDataRetention.normalisedIDNumber`: half-width,
/// upper case, no whitespace): 1 to 40 characters. Any script and punctuation is taken — an
/// officer's card, a foreign passport — except control and format characters and line and
/// paragraph separators (a bell, an escape sequence, a zero-width space, a direction override),
/// which no document prints and which would make two numbers look alike.
public enum IdentityNumberRule {
    public static let maxLength = 40

    /// The Chinese message for what is wrong with `text`; nil when it may be stored and looked for.
    public static func problem(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let scalar = trimmed.unicodeScalars.first(where: isForbidden) {
            return "证件号码不能含控制字符或格式字符（\(String(format: "U+%04X", scalar.value))，如换行、零宽空格、文字方向符），请照证件重新填写"
        }
        let normalised = PersonalDataRetention.normalisedIDNumber(trimmed)
        if normalised.isEmpty { return "请填写证件号码（\(maxLength) 个字符以内）" }
        if normalised.count > maxLength { return "证件号码不能超过 \(maxLength) 个字符（现为 \(normalised.count) 个）" }
        return nil
    }

    /// Unicode categories Cc, Cf, Zl and Zp.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
