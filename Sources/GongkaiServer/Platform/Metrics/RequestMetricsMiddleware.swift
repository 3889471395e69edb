import Prometheus
import Vapor

/// Counts requests and measures their latency per route pattern, for /metrics; echoes the request
/// id (a client's `X-Request-Id` when it is a UUID, or generated) so a user's report can be matched to the logs.
struct RequestMetricsMiddleware: AsyncMiddleware {
    /// Held here, not looked up per request: a handler that outlives the application's shutdown
    /// (a slow report check whose client left) must still be able to finish.
    let registry: PrometheusCollectorRegistry

    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                      .seconds(2.5), .seconds(5), .seconds(10)]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        _ = request.requestID  // chosen before anything logs
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            // The error middleware sits inside this one and turns errors into responses; anything
            // reaching here is counted as a 500 and passed on.
            record(request, status: 500, since: start)
            throw error
        }
        response.headers.replaceOrAdd(name: "X-Request-Id", value: request.requestID)
        record(request, status: Int(response.status.code), since: start)
        return response
    }

    private func record(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        // The registered pattern (`/console/agencies/:id`), not the concrete path, keeps the
        // number of series bounded.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let labels = [("method", request.method.rawValue), ("route", route), ("status", String(status))]
        registry.makeCounter(
            descriptor: .init(metricName: "gongkai_http_requests", unitName: "total", helpText: "HTTP requests served"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(metricName: "gongkai_http_request_duration", unitName: "seconds", helpText: "HTTP request latency"),
            labels: [("method", request.method.rawValue), ("route", route)],
            buckets: Self.buckets
        ).record(ContinuousClock.now - start)
    }
}
