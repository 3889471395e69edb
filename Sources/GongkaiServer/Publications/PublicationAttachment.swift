import Fluent
import Foundation
import GongkaiCore

/// A file published with a publication (a PDF of the document, a form, an image shown in the
/// body). Judged by its content on upload; served as a download with Content-Disposition.
final class PublicationAttachment: Model, @unchecked Sendable {
    static let schema = "publication_attachments"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "publication_id") var publication: Publication
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_at") var uploadedAt: Date
    @Field(key: "uploaded_by") var uploadedBy: String
    /// Uploaded with a revision still under review: public only once the revision passes.
    @Field(key: "pending") var pending: Bool
    /// A public file the revision under way removes: still public, deleted when the revision
    /// passes (`PublicationService.complete`), unmarked by 保留 while the revision is a draft.
    @Field(key: "removal_pending") var removalPending: Bool

    init() {}

    var isImage: Bool { contentType == FileType.png.contentType || contentType == FileType.jpeg.contentType }
}
