import FluentSQLiteDriver
import GongkaiCore
import Vapor

/// Turns every error into what its reader expects: `{"error": {"code", "message"}}` for the API,
/// a Chinese page for browsers. Internal details go to the log, never to the user.
struct GongkaiErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch is RouteNotFound where request.isAPI && !Self.allowedMethods(for: request).isEmpty {
            // An API path that exists, asked with a method it does not take (PATCH on a
            // publication): 405 with the methods it takes, not 404 (cold review 11m, L4).
            let allowed = Self.allowedMethods(for: request)
            let message = "此地址不支持 \(request.method.rawValue) 方法，支持：" + allowed.joined(separator: "、")
            let error = AppError(
                status: .methodNotAllowed, code: "method_not_allowed", message: message, headers: ["Allow": allowed.joined(separator: ", ")])
            return Self.response(for: error, on: request)
        } catch {
            return Self.response(for: error, on: request)
        }
    }

    /// The methods the routes take at the request's path (a parameter matches any component).
    static func allowedMethods(for request: Request) -> [String] {
        let parts = request.url.path.split(separator: "/").map(String.init)
        var methods: Set<String> = []
        for route in request.application.routes.all where route.method != request.method && route.method != .HEAD {
            // (a catch-all route — the static files — is no API path)
            var matched = route.path.count == parts.count
            for (component, part) in zip(route.path, parts) where matched {
                switch component {
                case .constant(let text): matched = text == part
                case .parameter, .anything: break
                case .catchall: matched = false
                }
            }
            if matched { methods.insert(route.method.rawValue) }
        }
        return methods.sorted()
    }

    static func response(for error: any Error, on request: Request) -> Response {
        let appError = Self.appError(for: error)
        if appError.status == .internalServerError {
            request.logger.report(error: error)
        } else {
            request.logger.notice("\(appError.code): \(appError.message)")
        }
        let response: Response
        // Not `== .json`: HTTPMediaType equality treats */* as matching anything.
        let wantsJSON = request.headers.accept.mediaTypes.first.map { $0.type == "application" && $0.subType == "json" } ?? false
        if request.isAPI || wantsJSON {
            response = Response(status: appError.status)
            try? response.content.encode(APIErrorBody(error: .init(code: appError.code, message: appError.message,
                                                                   fields: appError.fields.isEmpty ? nil : appError.fields)))
        } else {
            let page = ErrorPage.View(model: .init(status: appError.status, message: appError.message, requestID: request.requestID))
            response = Response(status: appError.status, headers: ["Content-Type": "text/html; charset=utf-8"],
                                body: .init(string: page.render()))
        }
        if let abort = error as? any AbortError {
            for (name, value) in abort.headers where ["location", "retry-after", "allow"].contains(name.lowercased()) {
                response.headers.replaceOrAdd(name: name, value: value)
            }
        }
        return response
    }

    static func appError(for error: any Error) -> AppError {
        switch error {
        case let e as AppError:
            return e
        case let e as any AbortError where e.status == .unprocessableEntity && e.reason == Self.vaporParameterReason:
            // `/api/v1/requests/abc`: no record has that id, whatever its type.
            return AppError(status: .notFound, code: "not_found", message: "您访问的页面不存在")
        case let e as any AbortError:
            let message: String
            switch e.status {
            case .notFound: message = "您访问的页面不存在"
            case .methodNotAllowed: message = "不支持此请求方法"
            case .payloadTooLarge: message = "上传的内容太大"
            case .unsupportedMediaType: message = "不支持此内容类型"
            case .badRequest: message = "请求格式有误：\(e.reason)"
            default: message = e.status.code < 500 ? e.reason : "服务器内部错误"
            }
            return AppError(status: e.status, code: e.status.code == 404 ? "not_found" : "http_\(e.status.code)", message: message)
        case let e as SQLiteError where [.busy, .locked, .busyInRecovery, .busyInSnapshot, .busyTimeout].contains(e.reason):
            // Another writer held the database past the busy timeout: worth trying again shortly.
            return AppError(
                status: .serviceUnavailable, code: "database_busy", message: "系统繁忙，请稍后重试",
                headers: ["Retry-After": "2"])
        case let e as DecodingError:
            return AppError(status: .badRequest, code: "bad_request", message: "请求内容无法解析：\(Self.describe(e))")
        case _ where String(reflecting: type(of: error)).hasPrefix("MultipartKit."):
            // The multipart parser's errors (a body that ends before its first part, a broken
            // boundary) are of a type MultipartKit keeps private; its decoder's are deprecated.
            return AppError(status: .badRequest, code: "bad_request", message: "上传的表单内容无法解析")
        default:
            return AppError(status: .internalServerError, code: "internal_error", message: "服务器内部错误，请稍后重试；如持续出现请联系系统管理员")
        }
    }

    /// The reason Vapor gives when a path parameter is not of the route's type (`parameters.require(_:as:)`).
    static let vaporParameterReason = "The parameter value could not be converted to the required type"

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "缺少字段 \(key.stringValue)"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
            let path = ctx.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? ctx.debugDescription : "字段 \(path) 格式不正确"
        @unknown default: return "格式不正确"
        }
    }
}
