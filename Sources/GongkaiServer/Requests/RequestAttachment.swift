import Fluent
import Foundation
import GongkaiCore

/// A scanned letter, an envelope, a corrected application: kept with the request.
final class RequestAttachment: Model, @unchecked Sendable {
    static let schema = "request_attachments"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "request_id") var request: DisclosureRequest
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_at") var uploadedAt: Date
    @Field(key: "uploaded_by") var uploadedBy: String

    init() {}
}
