import Fluent
import GongkaiCore
import SQLKit

/// Who wrote the text under review: everyone who drafted, edited, attached or removed a file of or
/// submitted it since it last went public (or since it was begun), and the first author of a
/// never-published item. The review chain keeps them all from reviewing it unless the agency
/// allows one person several steps.
enum PublicationWriters {
    static let writingKinds: [PublicationEventKind] = [.drafted, .edited, .attached, .attachmentRemoved, .attachmentRemovalMarked,
                                                          .attachmentKept, .revisionDrafted, .submitted]
    static let publicKinds: [PublicationEventKind] = [.published, .revised]

    /// The writers of each publication, in one query.
    static func of(_ publications: [Publication], on db: any Database) async throws -> [Int: Set<Int>] {
        var writers: [Int: Set<Int>] = [:]
        for p in publications {
            guard let id = p.id else { continue }
            var set: Set<Int> = []
            if p.versionNumber == 0 { set.insert(p.$author.id) }
            // The submitter of the round under review (also for rounds submitted before events
            // named their user).
            if p.status == .inReview || p.revisionState == .inReview, let submitter = p.submittedByID { set.insert(submitter) }
            writers[id] = set
        }
        let ids = Array(writers.keys)
        guard !ids.isEmpty else { return writers }
        let writing = SQLList(writingKinds.map { SQLBind($0.rawValue) })
        let going = SQLList(publicKinds.map { SQLBind($0.rawValue) })
        let rows = try await db.requireSQL().raw("""
            SELECT e.publication_id AS publication_id, e.actor_user_id AS user_id FROM publication_events e
            WHERE e.publication_id IN (\(SQLList(ids.map { SQLBind($0) }))) AND e.actor_user_id IS NOT NULL
              AND e.kind IN (\(writing))
              AND e.id > COALESCE((SELECT MAX(l.id) FROM publication_events l
                                   WHERE l.publication_id = e.publication_id AND l.kind IN (\(going))), 0)
            """).all()
        for row in rows {
            let id = try row.decode(column: "publication_id", as: Int.self)
            writers[id, default: []].insert(try row.decode(column: "user_id", as: Int.self))
        }
        return writers
    }

    static func of(_ p: Publication, on db: any Database) async throws -> Set<Int> {
        try await of([p], on: db)[try p.requireID()] ?? []
    }
}
