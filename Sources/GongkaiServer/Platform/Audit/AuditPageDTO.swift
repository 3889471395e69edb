import Foundation
import GongkaiCore
import Vapor

struct AuditPageDTO: Content {
    var total: Int
    var page: Int
    var pageSize: Int
    var entries: [AuditEntryDTO]
}
