import GongkaiCore
import Vapor

/// The OpenAPI document of /api/v1, a hand-written contract served as is.
enum OpenAPIDocument {
    static let data: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { preconditionFailure("GongkaiServer resource openapi.json is missing") }
        return data
    }()

    static func serve(req: Request) -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: data))
    }
}
