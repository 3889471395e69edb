import Fluent
import GongkaiCore

/// Loads agencies from a CSV file, all or nothing: one bad line and nothing is written.
///
/// Columns (header required, order free): code, name, kind, parent_code, and optionally
/// short_name, government_level, credit_code, address, phone, office_hours, contact_name, contact_phone,
/// contact_email. A parent is an agency already in the database or on an earlier line.
enum AgencyImportService {
    struct Problem: Error, CustomStringConvertible {
        let line: Int?
        let message: String
        var description: String { line.map { "第 \($0) 行：\(message)" } ?? message }
    }

    static let required = ["code", "name", "kind"]
    static let known = ["code", "name", "short_name", "kind", "government_level", "parent_code", "credit_code", "address", "phone", "office_hours",
                        "contact_name", "contact_phone", "contact_email", "guide_text", "reconsideration_body", "litigation_court"]

    /// Returns the agencies created, in file order.
    static func importCSV(_ text: String, by actor: AuditActor, on db: any Database) async throws -> [Agency] {
        let rows = CSV.parse(text).filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw Problem(line: nil, message: "文件为空")
        }
        for column in required where !header.contains(column) {
            throw Problem(line: 1, message: "缺少必需的列“\(column)”（必需列：\(required.joined(separator: "、"))）")
        }
        if let unknown = header.first(where: { !known.contains($0) }) {
            throw Problem(line: 1, message: "无法识别的列“\(unknown)”（可用列：\(known.joined(separator: "、"))）")
        }
        return try await db.transaction { tx in
            var created: [Agency] = []
            var byCode: [String: Int] = [:]
            for (index, row) in rows.dropFirst().enumerated() {
                let line = index + 2
                guard row.count <= header.count else { throw Problem(line: line, message: "字段数（\(row.count)）多于表头（\(header.count)）") }
                var f: [String: String] = [:]
                for (i, column) in header.enumerated() { f[column] = i < row.count ? row[i].trimmingCharacters(in: .whitespaces) : "" }
                guard let kind = AgencyKind(text: f["kind"] ?? "") else {
                    throw Problem(line: line, message: "机构类型“\(f["kind"] ?? "")”无效，应为 government/department/township/other 或 人民政府/政府部门/乡镇（街道）/其他")
                }
                let levelText = f["government_level"] ?? ""
                guard let level = levelText.isEmpty ? .county : GovernmentLevel(rawValue: levelText.lowercased())
                        ?? GovernmentLevel.allCases.first(where: { $0.chineseLabel == levelText }) else {
                    throw Problem(line: line, message: "政府层级“\(levelText)”无效，应为 county/prefecture/province 或 县级/设区的市级/省级")
                }
                var parentID: Int?
                if let parentCode = f["parent_code"]?.lowercased(), !parentCode.isEmpty {
                    if let id = byCode[parentCode] {
                        parentID = id
                    } else if let parent = try await Agency.query(on: tx).filter(\.$code == parentCode).first() {
                        parentID = try parent.requireID()
                    } else {
                        throw Problem(line: line, message: "上级机构“\(parentCode)”不存在（上级须已在系统中或在文件前面的行中）")
                    }
                }
                let name = f["name"] ?? "", short = f["short_name"] ?? "", credit = f["credit_code"] ?? ""
                let fields = AgencyFields(
                    code: (f["code"] ?? "").lowercased(), name: name, shortName: short.isEmpty ? name : short, kind: kind, governmentLevel: level,
                    creditCode: credit.isEmpty ? nil : credit.uppercased(), address: f["address"] ?? "", phone: f["phone"] ?? "",
                    officeHours: f["office_hours"] ?? "", contactName: f["contact_name"] ?? "", contactPhone: f["contact_phone"] ?? "",
                    contactEmail: f["contact_email"] ?? "", guideText: f["guide_text"] ?? "",
                    reconsiderationBody: f["reconsideration_body"] ?? "", litigationCourt: f["litigation_court"] ?? "")
                do {
                    let agency = try await AgencyService.create(fields, parentID: parentID, by: actor, on: tx)
                    byCode[agency.code] = try agency.requireID()
                    created.append(agency)
                } catch let error as AppError {
                    let detail = error.fields.sorted { $0.key < $1.key }.map(\.value).joined(separator: "；")
                    throw Problem(line: line, message: detail.isEmpty ? error.message : detail)
                }
            }
            if created.isEmpty { throw Problem(line: nil, message: "文件中只有表头，没有机构") }
            return created
        }
    }
}
