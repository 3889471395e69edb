import Foundation
import GongkaiCore
import Vapor

struct MessageListDTO: Content {
    var total: Int
    var page: Int
    var pageSize: Int
    var messages: [MessageDTO]
}
