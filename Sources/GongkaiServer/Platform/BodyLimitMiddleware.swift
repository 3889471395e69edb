import Vapor

/// Refuses a body larger than its route reads (BodyLimit) before anything reads it: at once
/// when `Content-Length` says so, and when a body arrives already collected. A body streamed
/// without a length is cut off by the collection itself at the same limit.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = BodyLimit.of(request.route, in: request.application)
        let declared = request.headers.first(name: .contentLength).flatMap { Int($0) }
        if let size = declared ?? request.body.data?.readableBytes, size > limit {
            throw AppError(status: .payloadTooLarge, code: "payload_too_large", message: "提交的内容过大（不能超过 \(ByteSize.chinese(limit))）")
        }
        return try await next.respond(to: request)
    }
}
