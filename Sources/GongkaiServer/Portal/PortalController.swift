import Fluent
import GongkaiCore
import Vapor

/// The public portal: no sign-in, no JavaScript needed.
enum PortalController {
    static func home(req: Request) async throws -> Response {
        guard let root = try await Agency.query(on: req.db).filter(\.$parent.$id == nil).sort(\.$id).first() else {
            return .html(PortalWelcomePage.render())
        }
        return try await page(for: root, req: req)
    }

    static func agency(req: Request) async throws -> Response {
        let code = try req.parameters.require("code")
        guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
        return try await page(for: agency, req: req)
    }

    private static func page(for agency: Agency, req: Request) async throws -> Response {
        let children = try await Agency.query(on: req.db).filter(\.$parent.$id == agency.requireID()).sort(\.$name).all()
        let parent = try await agency.$parent.get(on: req.db)
        let model = PortalHomePage.Model(
            agency: .init(name: agency.name, code: agency.code, address: agency.address, phone: agency.phone,
                          officeHours: agency.officeHours, contactEmail: agency.contactEmail),
            kind: agency.kind, officeHours: agency.officeHours, contactName: agency.contactName, contactPhone: agency.contactPhone,
            guideParagraphs: agency.guideText.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            parent: parent.map { ($0.name, $0.code) },
            children: children.map { ($0.kind, $0.name, $0.code) })
        return .html(PortalHomePage.View(model: model).render())
    }
}

/// Liveness, readiness, metrics and static assets.
enum OperationsController {
    static func healthz(req: Request) -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"], body: "ok\n")
    }

    static func readyz(req: Request) async throws -> Response {
        do {
            _ = try await req.db.requireSQL().raw("SELECT 1 AS ok").first()
            return Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"], body: "ready\n")
        } catch {
            req.logger.error("database not reachable: \(String(reflecting: error))")
            return Response(status: .serviceUnavailable, headers: ["Content-Type": "text/plain; charset=utf-8"], body: "database unreachable\n")
        }
    }

    static func metrics(req: Request) -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                 body: .init(string: req.application.metricsRegistry.emitToString()))
    }

    /// Stylesheet, icon and fonts come from the application itself: government intranets often
    /// have no internet access, so nothing is loaded from a CDN.
    static func asset(req: Request) throws -> Response {
        let name = try req.parameters.require("name")
        guard let asset = Assets.named(name) else { throw AppError.notFound("文件") }
        return Response(status: .ok, headers: ["Content-Type": asset.contentType, "Cache-Control": "public, max-age=3600"],
                        body: .init(data: asset.data))
    }
}

enum Assets {
    struct Asset: Sendable {
        let data: Data
        let contentType: String
    }

    private static let types = ["css": "text/css; charset=utf-8", "svg": "image/svg+xml", "js": "text/javascript; charset=utf-8",
                                "woff2": "font/woff2", "png": "image/png", "ico": "image/x-icon"]

    /// Only files that exist in Resources/Assets, looked up by exact name (no path traversal).
    static let all: [String: Asset] = {
        guard let folder = Bundle.module.url(forResource: "Assets", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        var assets: [String: Asset] = [:]
        for name in names {
            let ext = (name as NSString).pathExtension
            guard let type = types[ext], let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            assets[name] = Asset(data: data, contentType: type)
        }
        return assets
    }()

    static func named(_ name: String) -> Asset? { all[name] }
}
