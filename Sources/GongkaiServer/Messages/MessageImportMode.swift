/// Whether an import keeps every row or none when some are bad.
enum MessageImportMode: String, Sendable, Codable, CaseIterable {
    case allOrNothing = "all_or_nothing"
    case skipBadRows = "skip_bad_rows"

    var chineseLabel: String {
        self == .allOrNothing ? "全部正确才导入（有错误行则一行也不导入）" : "跳过错误行，导入其余正确的行"
    }
}
