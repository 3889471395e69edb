import Vapor

/// An error a user is meant to read: a status, a stable code for the API and a Chinese message.
struct AppError: AbortError, Sendable {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    /// Field-level messages for forms and the API (`{"code": …, "fields": {"name": "…"}}`).
    var fields: [String: String] = [:]
    /// Headers the answer carries (`Retry-After` on 429).
    var headers: HTTPHeaders = [:]

    var reason: String { message }

    static func validation(_ fields: [String: String]) -> AppError {
        let first = fields.sorted { $0.key < $1.key }.first?.value ?? "输入有误"
        return AppError(status: .unprocessableEntity, code: "validation_failed",
                        message: fields.count == 1 ? first : "有 \(fields.count) 处输入需要修改：\(first)", fields: fields)
    }

    static func badRequest(_ message: String) -> AppError {
        AppError(status: .badRequest, code: "bad_request", message: message)
    }

    static func notFound(_ what: String) -> AppError {
        AppError(status: .notFound, code: "not_found", message: "\(what)不存在或已被删除")
    }

    static let unauthenticated = AppError(status: .unauthorized, code: "unauthenticated", message: "请先登录")

    static func forbidden(_ message: String = "您没有执行此操作的权限") -> AppError {
        AppError(status: .forbidden, code: "forbidden", message: message)
    }

    /// Optimistic locking: someone saved the record after this form was opened.
    static func conflict(_ what: String) -> AppError {
        AppError(status: .conflict, code: "edit_conflict",
                 message: "\(what)已被他人修改，您的修改未保存。请重新打开页面查看最新内容后再修改。")
    }

    static let csrf = AppError(status: .forbidden, code: "csrf_failed",
                               message: "表单已过期或来源无法验证，请刷新页面后重新提交")
}
