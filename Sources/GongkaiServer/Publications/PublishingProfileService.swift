import Fluent
import Foundation
import GongkaiCore

/// Saving an agency's publishing settings: the rule must parse and carry the agency's code, the
/// code must be no other agency's, the chain must keep the confidentiality review
/// (`ReviewChain` refuses otherwise), and the version must be current.
enum PublishingProfileService {
    static func save(fields: FormFields, agency: Agency, actor: AuditActor, on db: any Database) async throws {
        var errors: [String: String] = [:]
        let code = fields["index_code"]
        if !IndexNumberRule.isValidAgencyCode(code) { errors["index_code"] = "机构代码只能包含字母、数字和 -，不超过 20 个字符" }
        do { _ = try IndexNumberRule(template: fields["index_template"]) } catch { errors["index_template"] = error.description }
        let allow = ["1", "true", "on"].contains(fields["allow_same_person"].lowercased())
        var chain: ReviewChain?
        do { chain = try ReviewChain(codes: fields["review_steps"], allowSamePerson: allow) } catch { errors["review_steps"] = error.description }
        // The 索引号 names its agency: the template carries the agency's code ({agency}, or the
        // code written out) and a sequence, and no other agency has that code.
        let template = fields["index_template"]
        if errors["index_template"] == nil, !template.contains("{agency}"), code.isEmpty || !template.contains(code) {
            errors["index_template"] = "索引号规则须包含机构代码 {agency}（或写明本机关代码 \(code)），以便索引号标明发布机构"
        }
        let agencyID = try agency.requireID()
        if errors["index_code"] == nil, let other = try await agencyUsing(code: code, except: agencyID, on: db) {
            errors["index_code"] =
                other.code == code.uppercased()
                ? "机构代码 \(code) 已由“\(other.name)”使用，索引号会标错发布机构；请换用本机关自己的代码"
                : "机构代码 \(code) 与“\(other.name)”的代码 \(other.code) 仅以“-”相接，两者的索引号会混同（如 \(code)-… 也可能是\(other.name)的索引号）；请换用不以他机关代码开头的代码"
        }
        if errors.isEmpty, let rule = try? IndexNumberRule(template: template),
            let other = try await agencyRendering(head: rule.head(agencyCode: code), except: agencyID, on: db)
        {
            errors["index_template"] =
                "按此规则，本机关的索引号以 \(rule.head(agencyCode: code)) 开头，与“\(other.name)”的索引号（以 \(other.head) 开头）会混同；请让规则的固定部分和机构代码不以他机关的开头"
        }
        guard errors.isEmpty, let chain else { throw AppError.validation(errors) }
        // 0: the agency has no profile of its own yet (the form of the inherited one).
        let version = fields.int("version") == 0 ? 0 : try fields.version()
        try await db.writeTransaction { tx in
            let existing = try await PublishingProfile.query(on: tx).filter(\.$agency.$id == agencyID).first()
            let p = existing ?? PublishingProfile()
            let before = existing?.auditSnapshot
            if let existing {
                p.version = try await OptimisticLock.claim(table: PublishingProfile.schema, id: try existing.requireIDValue(),
                                                           expectedVersion: version, what: "\(agency.name)的发布设置", on: tx)
            } else {
                guard version == 0 else { throw AppError.conflict("\(agency.name)的发布设置") }
                p.version = 1
                p.$agency.id = agencyID
            }
            p.indexCode = code
            p.indexTemplate = fields["index_template"]
            p.reviewSteps = chain.codes
            p.allowSamePerson = allow
            try await p.save(on: tx)
            try await AuditLog.record(existing == nil ? .create : .update, p, summary: "\(agency.name)发布设置：索引号 \(p.indexTemplate)（\(code)），审核 \(chain.chineseSummary)"
                                          + (allow ? "，允许同一人办理多个环节" : ""), before: before, by: actor, on: tx)
        }
    }
}

extension PublishingProfileService {
    /// Another agency whose index code — its own profile's, or the default made from its agency
    /// code — is `code`, or is `code` followed by "-" and more, or whom `code` so extends (letters
    /// compared without case), or nil. Codes hold only letters, digits and "-", and templates put
    /// "-" after the code, so `SFXGOV-03` would render the numbers of `SFXGOV`'s category 03 (cold
    /// review 11n M2).
    static func agencyUsing(code: String, except agencyID: Int, on db: any Database) async throws -> (name: String, code: String)? {
        let wanted = code.uppercased()
        let profiles = try await PublishingProfile.query(on: db).all()
        var codes: [Int: String] = [:]
        for p in profiles { codes[p.$agency.id] = p.indexCode.uppercased() }
        for agency in try await Agency.query(on: db).all() {
            guard let id = agency.id, id != agencyID else { continue }
            let theirs = codes[id] ?? PublishingProfile.defaultIndexCode(agency.code)
            if codesClash(wanted, theirs) { return (agency.name, theirs) }
        }
        return nil
    }

    /// Another agency whose numbers start with a head that clashes with `head`
    /// (`IndexNumberRule.headsClash`): a code that differs can still meet another's numbers
    /// through the template's fixed text (`SFX{agency}` with `GOV`; cold review 11o M1).
    static func agencyRendering(head: String, except agencyID: Int, on db: any Database) async throws -> (name: String, head: String)? {
        var profiles: [Int: PublishingProfile] = [:]
        for p in try await PublishingProfile.query(on: db).all() { profiles[p.$agency.id] = p }
        for agency in try await Agency.query(on: db).all() {
            guard let id = agency.id, id != agencyID else { continue }
            let theirs =
                profiles[id].map { $0.rule.head(agencyCode: $0.indexCode) }
                ?? (try! IndexNumberRule(template: IndexNumberRule.defaultTemplate)).head(agencyCode: PublishingProfile.defaultIndexCode(agency.code))
            if IndexNumberRule.headsClash(head, theirs) { return (agency.name, theirs) }
        }
        return nil
    }

    /// Whether two index codes (upper case) would render numbers that one could take for the other's.
    static func codesClash(_ a: String, _ b: String) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        return a == b || a.hasPrefix(b + "-") || b.hasPrefix(a + "-")
    }
}

extension PublishingProfile {
    func requireIDValue() throws -> Int {
        guard let id else { throw AppError.notFound("发布设置") }
        return id
    }
}
