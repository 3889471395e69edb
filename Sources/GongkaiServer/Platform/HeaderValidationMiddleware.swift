import Vapor

/// Refuses to send a header whose name or value holds a control character. The HTTP server
/// (Vapor over SwiftNIO) writes headers as given; a CR or LF from user input would end the header
/// block and let the rest be read as headers of the attacker's choosing. Outermost, so it sees
/// every answer as it leaves.
struct HeaderValidationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        for (name, value) in response.headers where !Self.isSafe(name) || !Self.isSafe(value) {
            request.logger.error("refused to send header \(name.debugDescription) with a control character")
            return Response(status: .internalServerError, headers: ["Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"],
                            body: "服务器内部错误\n")
        }
        return response
    }

    static func isSafe(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }
    }
}
