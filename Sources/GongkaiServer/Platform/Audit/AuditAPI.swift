import Fluent
import GongkaiCore
import Vapor

enum AuditAPI {
    static func index(req: Request) async throws -> AuditPageDTO {
        _ = try req.requireStaff(.readAuditLog)
        let query = try AuditQuery(from: req)
        let (entries, total) = try await query.run(on: req.db)
        return AuditPageDTO(total: total, page: query.page, pageSize: AuditQuery.pageSize, entries: entries.map(AuditEntryDTO.init))
    }
}
