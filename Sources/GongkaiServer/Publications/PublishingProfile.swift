import Fluent
import Foundation
import GongkaiCore

/// How an agency publishes: its index-number rule and code, and its review chain. An agency
/// without a row uses the defaults (`PublishingProfile.defaults`).
final class PublishingProfile: Model, @unchecked Sendable {
    static let schema = "publishing_profiles"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "version") var version: Int
    @Parent(key: "agency_id") var agency: Agency
    /// The agency's part of its index numbers (`{agency}`), e.g. `SFXJYJ`.
    @Field(key: "index_code") var indexCode: String
    /// The rule (`IndexNumberRule` template).
    @Field(key: "index_template") var indexTemplate: String
    /// The chain's steps as codes (`ReviewChain.codes`).
    @Field(key: "review_steps") var reviewSteps: String
    /// Whether one person may take several steps of one item (explicitly allowed, default no).
    @Field(key: "allow_same_person") var allowSamePerson: Bool

    init() {}

    var chain: ReviewChain {
        (try? ReviewChain(codes: reviewSteps, allowSamePerson: allowSamePerson)) ?? .standard
    }

    var rule: IndexNumberRule {
        (try? IndexNumberRule(template: indexTemplate)) ?? (try! IndexNumberRule(template: IndexNumberRule.defaultTemplate))
    }

    /// The profile in force for an agency: its row, or the defaults (code from the agency's code).
    static func effective(for agency: Agency, on db: any Database) async throws -> PublishingProfile {
        let agencyID = try agency.requireID()
        if let row = try await PublishingProfile.query(on: db).filter(\.$agency.$id == agencyID).first() { return row }
        let p = PublishingProfile()
        p.version = 0
        p.$agency.id = agencyID
        p.indexCode = defaultIndexCode(agency.code)
        p.indexTemplate = IndexNumberRule.defaultTemplate
        p.reviewSteps = ReviewChain.standard.codes
        p.allowSamePerson = false
        return p
    }

    /// `sfx-jyj` → `SFXJYJ`.
    static func defaultIndexCode(_ agencyCode: String) -> String {
        String(agencyCode.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(20))
    }
}


extension PublishingProfile: Auditable {
    static let auditEntityType = AuditEntityType.publishingProfile
    var auditSnapshot: [String: String] {
        ["agency_id": String($agency.id), "index_code": indexCode, "index_template": indexTemplate, "review_steps": reviewSteps,
         "allow_same_person": String(allowSamePerson), "version": String(version)]
    }
}
