import Fluent
import Foundation
import GongkaiCore

/// An import of an export file through the console: checked first (preview, row errors), then
/// written on the user's word, all valid rows or none. The file waits in the data folder
/// meanwhile; progress is kept in memory (`MessageImportProgress`) and the outcome here.
final class MessageImportJob: Model, @unchecked Sendable {
    static let schema = "message_import_jobs"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "agency_id") var agency: Agency
    @Field(key: "filename") var filename: String
    @Field(key: "stored_path") var storedPath: String
    @Field(key: "status") var status: MessageImportStatus
    @OptionalField(key: "encoding") var encoding: String?
    @Field(key: "rows") var rows: Int
    @Field(key: "valid_rows") var validRows: Int
    @Field(key: "existing_rows") var existingRows: Int
    @Field(key: "error_count") var errorCount: Int
    /// The first errors (`ImportRowError`s as JSON), and the first valid rows for the preview.
    @Field(key: "errors_json") var errorsJSON: String
    @Field(key: "preview_json") var previewJSON: String
    @Field(key: "inserted") var inserted: Int
    @Field(key: "updated") var updated: Int
    @Field(key: "skipped") var skipped: Int
    @Field(key: "failure") var failure: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}

    func requireID() throws -> Int {
        guard let id else { throw FluentError.idRequired }
        return id
    }
}

extension MessageImportJob: Auditable {
    static let auditEntityType = AuditEntityType.messageImport
    var auditSnapshot: [String: String] {
        ["filename": filename, "status": status.rawValue, "rows": String(rows), "valid_rows": String(validRows),
         "error_count": String(errorCount), "inserted": String(inserted), "updated": String(updated), "skipped": String(skipped)]
    }
}
