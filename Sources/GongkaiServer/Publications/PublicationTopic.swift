import Fluent
import Foundation

/// A publication shown in a topic column (专题专栏); one publication may sit in several.
final class PublicationTopic: Model, @unchecked Sendable {
    static let schema = "publication_topics"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "publication_id") var publication: Publication
    @Parent(key: "topic_column_id") var topicColumn: TopicColumn

    init() {}

    init(publicationID: Int, topicColumnID: Int) {
        self.$publication.id = publicationID
        self.$topicColumn.id = topicColumnID
    }
}
