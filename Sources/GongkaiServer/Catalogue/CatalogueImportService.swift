import Fluent
import Foundation
import GongkaiCore

/// Importing standard catalogue items from CSV: read (`CatalogueCSV`: UTF-8 or GBK, header
/// words, row errors with line numbers), then every row or none, in one transaction with the
/// audit entry. A row that repeats an item the agency already has is an error too.
enum CatalogueImportService {
    struct Preview: Sendable {
        let items: [CatalogueCSV.Item]
        let errors: [CatalogueCSV.RowError]
        let encoding: String
    }

    static func preview(_ data: Data, agencyID: Int, defaultDomain: String, on db: any Database) async throws -> Preview {
        let read = CatalogueCSV.read(data, defaultDomain: defaultDomain)
        guard read.errors.isEmpty else { return Preview(items: [], errors: read.errors, encoding: read.encoding) }
        let existing = try await CatalogueItem.query(on: db).filter(\.$agency.$id == agencyID).all()
        let keys = Set(existing.map { "\($0.domain)|\($0.itemL1)|\($0.itemL2)" })
        var seen: Set<String> = []
        var errors: [CatalogueCSV.RowError] = []
        for item in read.items {
            // The cells reach the public standard-catalogue page: the same check as every form's text.
            let cells = [("领域", item.domain), ("一级事项", item.itemL1), ("二级事项", item.itemL2), ("公开内容（要素）", item.contentElements),
                         ("公开依据", item.legalBasis), ("公开时限", item.timeLimit), ("公开主体", item.subject), ("公开渠道和载体", item.channels),
                         ("公开对象", item.audience), ("公开方式", item.mode), ("公开层级", item.level)]
            let unsafe = cells.compactMap { label, text in SafeText.problem(text).map { "“\(label)”\($0)" } }
            if !unsafe.isEmpty {
                errors.append(.init(line: item.line, message: unsafe.joined(separator: "；")))
                continue
            }
            let key = "\(item.domain)|\(item.itemL1)|\(item.itemL2)"
            if keys.contains(key) { errors.append(.init(line: item.line, message: "本机关“\(item.domain)”领域已有事项“\(item.itemL1) \(item.itemL2)”")) }
            else if !seen.insert(key).inserted { errors.append(.init(line: item.line, message: "文件中重复的事项“\(item.itemL1) \(item.itemL2)”")) }
        }
        return Preview(items: errors.isEmpty ? read.items : [], errors: errors, encoding: read.encoding)
    }

    /// Imports every item or none; returns how many.
    static func importItems(_ data: Data, agencyID: Int, defaultDomain: String, staff: StaffPrincipal, actor: AuditActor, today: CivilDate,
                            on db: any Database) async throws -> Int {
        guard let agency = try await Agency.find(agencyID, on: db) else { throw AppError.validation(["agency_id": "机构不存在"]) }
        guard staff.can(.publish, inAgency: agencyID) else { throw AppError.forbidden("您不能为\(agency.name)导入标准目录") }
        let preview = try await preview(data, agencyID: agencyID, defaultDomain: defaultDomain, on: db)
        guard preview.errors.isEmpty else {
            throw AppError(status: .unprocessableEntity, code: "import_failed", message: "导入未执行：" + preview.errors.map(\.description).joined(separator: "；"))
        }
        try await db.writeTransaction { tx in
            for item in preview.items {
                let row = CatalogueItem()
                row.version = 1
                row.$agency.id = agencyID
                row.domain = item.domain
                row.sequence = item.sequence
                row.itemL1 = item.itemL1
                row.itemL2 = item.itemL2
                row.contentElements = item.contentElements
                row.legalBasis = item.legalBasis
                row.timeLimit = item.timeLimit
                row.subject = item.subject
                row.channels = item.channels
                row.audience = item.audience
                row.mode = item.mode
                row.level = item.level
                row.since = today
                try await row.create(on: tx)
            }
            try await PortalCache.bump(on: tx)
            let domains = Array(Set(preview.items.map(\.domain))).sorted().joined(separator: "、")
            try await AuditLog.record(.importData, entityType: .catalogueItem, entityID: String(agencyID),
                                      summary: "\(agency.name)导入标准目录 \(preview.items.count) 项（\(domains)，\(preview.encoding)）",
                                      before: nil, after: nil, by: actor, on: tx)
        }
        return preview.items.count
    }
}
