import Fluent
import GongkaiCore
import Vapor

/// Lets only signed-in staff through; sends browsers to the sign-in page and API clients a 401.
struct RequireStaff: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let staff = request.staff else {
            if request.isAPI { throw AppError.unauthenticated }
            let target = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            return request.redirect(to: SiteURL.login(next: target).path)
        }
        // A password someone else chose must be replaced before anything else is done, whichever
        // door is used (the API cannot change it: the console's 修改密码 page does).
        if staff.mustChangePassword, request.url.path != SiteURL.password.path {
            if request.isAPI { throw AppError(status: .forbidden, code: "must_change_password", message: "请先在工作台“修改密码”页设置新密码") }
            return request.redirect(to: SiteURL.password.path)
        }
        // A role that requires a second factor (#14) gets nothing but enrolment (and sign-out,
        // which is outside this group) until it is set up; its API tokens are refused meanwhile.
        if staff.secondFactorMissing, request.url.path != SiteURL.secondFactor.path {
            if request.isAPI {
                throw AppError(status: .forbidden, code: "second_factor_required", message: "请先在工作台“两步验证”页启用两步验证")
            }
            return request.redirect(to: SiteURL.secondFactor.path)
        }
        return try await next.respond(to: request)
    }
}
