import Fluent
import GongkaiCore
import Vapor

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

    /// Prometheus metrics, for the monitoring system only: one sending the configured bearer
    /// token (GONGKAI_METRICS_TOKEN; when it is set, nothing else is accepted), or without a
    /// token a loopback client that is not a reverse proxy on the same machine passing on a
    /// stranger's request: it would add `Forwarded` or `X-Forwarded-For`, and one that adds
    /// neither is known only by being named in GONGKAI_TRUSTED_PROXIES — then loopback is the
    /// proxy, not the monitoring system, and the token is required (`metricsExposureWarning`).
    static func metrics(req: Request) throws -> Response {
        let peer = req.remoteAddress?.ipAddress.flatMap(AddressRange.bytes(of:))
        let loopback =
            peer.map { $0 == [127, 0, 0, 1] || $0 == Array(repeating: 0, count: 15) + [1] } ?? false
            && !req.hasForwardingHeaders
            && !req.application.trustedProxies.contains { range in peer.map(range.contains) ?? false }
        let token = req.application.settings.metricsToken
        let bearer = req.headers.bearerAuthorization?.token
        guard loopback && token == nil || token.map({ t in bearer.map { Secrets.constantTimeEquals($0, t) } ?? false }) == true else {
            throw AppError(status: .forbidden, code: "forbidden", message: "监控指标只对本机或持有监控令牌的监控系统开放")
        }
        return Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
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
