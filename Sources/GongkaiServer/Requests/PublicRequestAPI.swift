import Fluent
import Foundation
import GongkaiCore
import Vapor

/// What anyone may ask without an account: a fee quote, applying, following a request.
enum PublicRequestAPI {
    /// `?method=pages&quantity=2219` or `?method=pieces&quantity=5&earlier_this_month=27`.
    static func feeQuote(req: Request) throws -> FeeQuote {
        guard let method = FeeMethod(rawValue: req.query[String.self, at: "method"] ?? "") else {
            throw AppError.validation(["method": "method 应为 pages（按量计收）或 pieces（按件计收）"])
        }
        guard let quantity = req.query[Int.self, at: "quantity"], (0...10_000_000).contains(quantity) else {
            throw AppError.validation(["quantity": "quantity 应为 0–10000000 之间的整数"])
        }
        let earlier = req.query[Int.self, at: "earlier_this_month"] ?? 0
        guard (0...10_000_000).contains(earlier) else { throw AppError.validation(["earlier_this_month": "earlier_this_month 应为非负整数"]) }
        if method == .pages, earlier != 0 { throw AppError.validation(["earlier_this_month": "按量计收不累计本月件数"]) }
        return FeeCalculator.quote(method, quantity: quantity, earlierThisMonth: earlier)
    }

    struct Applied: Content {
        var trackingNumber: String
        var status: ClockState.Phase
        var message: String
    }

    /// An online application: the same fields as the portal form plus `agency_code`.
    static func apply(req: Request) async throws -> Response {
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        let code = fields["agency_code"]
        guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else {
            throw AppError.validation(["agency_code": "请提供受理机关代码 agency_code"])
        }
        let context = try await req.requestContext()
        let registered = try await RequestIntake.registerOnline(fields: fields, agencyID: try agency.requireID(), client: req.clientAddress,
                                                                app: req.application, context: context, by: req.auditActor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(Applied(trackingNumber: registered.request.trackingNumber, status: registered.request.status,
                                            message: "申请已提交。工作人员将与您确认收到申请之日，答复期限自该日起算。"))
        return response
    }

    /// `POST /api/v1/public/requests/status` with `{"tracking_number", "phone_last4"}`: in the
    /// body, so neither ends up in addresses, proxies or access logs.
    static func status(req: Request) async throws -> PublicRequestStatus {
        let fields = try FormFields(json: Data(buffer: req.body.data ?? ByteBuffer()))
        guard let status = try await PublicRequestStatus.lookup(trackingNumber: fields["tracking_number"], phoneLast4: fields["phone_last4"],
                                                                client: req.clientAddress, app: req.application, on: req.db) else {
            throw AppError(status: .notFound, code: "not_found", message: "没有找到该申请：请核对查询号和联系电话后 4 位")
        }
        return status
    }
}

extension FeeQuote: Content {}
extension PublicRequestStatus: Content {}
