import Foundation
import GongkaiCore
import Vapor

struct PublicationListDTO: Content {
    struct Row: Content {
        var id: Int
        var title: String
        var agency: String
        var status: PublicationState
        var revisionState: RevisionState
        var waitingStep: ReviewStepKind?
        var indexNumber: String?
        /// The revision's while one is under way (`pendingFormedOn`), as `dueOn` counts from it.
        var formedOn: CivilDate
        var dueOn: CivilDate?
        var standing: String?
        var publishedOn: CivilDate?
    }

    var total: Int
    var page: Int
    var pageSize: Int
    var publications: [Row]
}
