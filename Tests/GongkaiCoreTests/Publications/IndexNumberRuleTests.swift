import Testing
@testable import GongkaiCore

@Suite("Index numbers (索引号): the configurable rule")
struct IndexNumberRuleTests {
    @Test func theDefaultRule() throws {
        let rule = try IndexNumberRule(template: IndexNumberRule.defaultTemplate)
        let values = IndexNumberRule.Values(agencyCode: "SFXJYJ", category: .catalogue, subject: .scienceEducation, year: 2024)
        #expect(rule.number(values, sequence: 17) == "SFXJYJ-03-2024-00017")
        #expect(rule.counterKey(values) == "SFXJYJ-03-2024-#")
        // the sequence grows past its width rather than wrapping
        #expect(rule.number(values, sequence: 123_456) == "SFXJYJ-03-2024-123456")
    }

    /// The Pingtan portal's numbers (`PZ00101-0300-2021-00058`): agency, a four-digit class, year,
    /// a five-digit yearly sequence per class.
    @Test func aRealPortalsNumbersCanBeReproduced() throws {
        let rule = try IndexNumberRule(template: "{agency}-{category}00-{year}-{seq:5}")
        let v2021 = IndexNumberRule.Values(agencyCode: "PZ00101", category: .catalogue, subject: .construction, year: 2021)
        #expect(rule.number(v2021, sequence: 58) == "PZ00101-0300-2021-00058")
        // another year or category counts on its own
        var v2022 = v2021
        v2022.year = 2022
        #expect(rule.counterKey(v2021) != rule.counterKey(v2022))
        var overview = v2021
        overview.category = .overview
        #expect(rule.counterKey(overview) == "PZ00101-0100-2021-#")
    }

    @Test("templates that cannot number uniquely are refused", arguments: [
        "{agency}-{year}",                // no sequence
        "{agency}-{seq}-{seq:3}",         // two sequences
        "{agency}{seq:4}",                // sequence glued to a placeholder
        "{year}-{seq:4}{category}",
        "{agency}-{month}-{seq:3}",       // unknown placeholder
        "{agency}-{seq:0}",               // zero width
        "{agency}—{seq:3}",               // a non-ASCII separator
        "{agency-{seq:3}",                // unclosed brace
    ])
    func refused(_ template: String) {
        #expect(throws: IndexNumberRule.Problem.self) { try IndexNumberRule(template: template) }
    }

    /// What an agency's numbers always start with: fixed text and the code, up to the first part
    /// that varies; heads that are equal or one the start of the other may meet (cold review 11o M1).
    @Test(
        "heads of the numbers",
        arguments: [
            ("{agency}-{category}-{year}-{seq:5}", "sfxgov", "SFXGOV-"),
            ("SFX{agency}-{category}-{year}-{seq:5}", "GOV", "SFXGOV-"),
            ("SFXGOV-{agency}-{year}-{seq:5}", "03", "SFXGOV-03-"),
            ("{year}-{agency}-{seq:3}", "SFXJYJ", ""),
            ("{agency}{year}-{seq:3}", "SFX", "SFX"),
        ] as [(String, String, String)])
    func heads(_ template: String, _ code: String, _ head: String) throws {
        #expect(try IndexNumberRule(template: template).head(agencyCode: code) == head)
    }

    @Test func headsThatClash() {
        #expect(IndexNumberRule.headsClash("SFXGOV-", "SFXGOV-"))
        #expect(IndexNumberRule.headsClash("SFXGOV-03-", "SFXGOV-"))
        #expect(IndexNumberRule.headsClash("SFXGOV-", "SFXGOV-03-"))
        #expect(!IndexNumberRule.headsClash("SFXGOV-", "SFXGOVJ-"))
        #expect(!IndexNumberRule.headsClash("SFXJYJ-", "SFXGOV-"))
        #expect(!IndexNumberRule.headsClash("", "SFXGOV-"))  // a number that starts with its year names no agency first
    }

    @Test func agencyCodes() {
        #expect(IndexNumberRule.isValidAgencyCode("SFX-JYJ"))
        #expect(IndexNumberRule.isValidAgencyCode("11659999010000038"))
        #expect(!IndexNumberRule.isValidAgencyCode(""))
        #expect(!IndexNumberRule.isValidAgencyCode("教育局"))
        #expect(!IndexNumberRule.isValidAgencyCode(String(repeating: "A", count: 21)))
    }
}
