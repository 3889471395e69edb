import Vapor

/// Reads an upload's body, a bounded number at a time. It sits after the session, the
/// permission and the CSRF check of the route, so a stranger's 10 MB body is not read for a page
/// they may not use; then a slot among `Settings.uploadConcurrency` (one per client) is taken
/// before the first byte is read, and held until the answer, so memory held by bodies stays
/// bounded however many are sent (429 + Retry-After beyond that; a declared length over the
/// limit was refused earlier, by BodyLimitMiddleware). A form's CSRF token, left in the body by
/// CSRFMiddleware for such routes, is checked as soon as the body is in. A body still arriving
/// `Settings.bodyDeadlineSeconds` after its slot was taken gets 408 and gives the slot back
/// (BodyDeadline).
///
/// Anonymous uploads (the public report check) and staff uploads have gates of their own: four
/// strangers sending slowly once held every slot and no officer could attach a file. A route
/// open to the public always uses the public gate, and so does a request without a signed-in
/// member of staff, whatever route it is on.
struct UploadGate: AsyncMiddleware {
    let maxBytes: Int
    /// The route is open to anyone (no RequireStaff before it).
    var isPublic = false

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let app = request.application
        let gate = !isPublic && request.staff != nil ? app.uploadGate : app.publicUploadGate
        return try await gate.run(client: request.clientAddress) {
            do {
                try await BodyDeadline.collect(request, max: maxBytes)
            } catch let abort as Abort where abort.status == .payloadTooLarge {
                throw AppError(status: .payloadTooLarge, code: "payload_too_large", message: "上传的内容过大（不能超过 \(ByteSize.chinese(maxBytes))）")
            }
            try CSRFMiddleware.verifyPendingToken(of: request)
            return try await next.respond(to: request)
        }
    }
}
