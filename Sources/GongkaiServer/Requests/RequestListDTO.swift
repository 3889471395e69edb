import Fluent
import Foundation
import GongkaiCore
import Vapor

struct RequestListDTO: Content {
    var total: Int
    var page: Int
    var pageSize: Int
    var requests: [RequestDTO]
}
