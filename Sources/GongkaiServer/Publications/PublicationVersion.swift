import Fluent
import Foundation
import GongkaiCore

/// A version of a publication as it was public: the first publication is version 1, each
/// revision passed by the chain adds one with its change note (the public page lists them).
final class PublicationVersion: Model, @unchecked Sendable {
    static let schema = "publication_versions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "publication_id") var publication: Publication
    @Field(key: "number") var number: Int
    @Field(key: "published_at") var publishedAt: Date
    @Field(key: "published_on") var publishedOn: CivilDate
    @Field(key: "title") var title: String
    @Field(key: "body_html") var bodyHTML: String
    @Field(key: "change_note") var changeNote: String

    init() {}
}
