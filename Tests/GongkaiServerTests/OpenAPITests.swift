import Foundation
@testable import GongkaiServer
import Testing
import Vapor

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test func documentsExactlyTheRegisteredAPIRoutes() async throws {
        try await withTestApp { app in
            // given the document as served
            let page = try await TestClient(app).get("/api/v1/openapi.json")
            #expect(page.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in
                operations.keys.filter { ["get", "put", "post", "patch", "delete"].contains($0) }.map { "\($0.uppercased()) \(path)" }
            })
            // when the routes are listed the same way ({id} for :id)
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                return path.hasPrefix("/api/") ? "\(route.method.rawValue) \(path)" : nil
            })
            // then they are the same set
            #expect(documented == registered)
            // and every operation documents the error shape for its failures
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let responses = (operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                    #expect(!responses.isEmpty, "\(method) \(path) has no responses")
                }
            }
        }
    }
}
