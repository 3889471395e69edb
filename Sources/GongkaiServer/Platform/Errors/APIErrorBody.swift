import GongkaiCore
import Vapor

struct APIErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let fields: [String: String]?
    }
    let error: Detail
}
