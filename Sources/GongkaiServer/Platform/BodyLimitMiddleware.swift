import Vapor

/// Refuses a body larger than its route reads (BodyLimit) before anything reads it: at once
/// when `Content-Length` says so, and when a body arrives already collected. A body streamed
/// without a length is cut off by the collection itself at the same limit. The bodies of routes
/// that take no files are collected here, within `Settings.bodyDeadlineSeconds`.
struct BodyLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = BodyLimit.of(request.route, in: request.application)
        let declared = request.headers.first(name: .contentLength).flatMap { Int($0) }
        if let size = declared ?? request.body.data?.readableBytes, size > limit {
            throw AppError(status: .payloadTooLarge, code: "payload_too_large", message: "提交的内容过大（不能超过 \(ByteSize.chinese(limit))）")
        }
        // Every other route's body is read here, within the deadline (BodyDeadline): a form sent a
        // byte at a time would otherwise hold its connection and a handler for ever.
        if request.route != nil, !BodyLimit.takesUploads(request.route) {
            try await BodyDeadline.collect(request, max: limit)
        }
        return try await next.respond(to: request)
    }
}
