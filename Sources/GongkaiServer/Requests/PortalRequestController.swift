import Fluent
import GongkaiCore
import Vapor

/// Applying online and following a request, for the public.
enum PortalRequestController {
    static func form(req: Request) async throws -> Response {
        let agency = try await agency(req)
        return .html(PortalApplyPage.render(.init(agency: agency.portalSummary, csrfToken: req.csrfToken, values: .init(),
                                                  replyDays: req.application.settings.clockRules.replyDays)))
    }

    static func apply(req: Request) async throws -> Response {
        let agency = try await agency(req)
        let form = try req.formFields()
        do {
            let context = try await req.requestContext()
            let registered = try await RequestIntake.registerOnline(fields: form, agencyID: try agency.requireID(), client: req.clientAddress,
                                                                    app: req.application, context: context, by: req.auditActor, on: req.db)
            return .html(PortalApplyDonePage.render(agency: agency.portalSummary, trackingNumber: registered.request.trackingNumber))
        } catch let error as AppError where !error.fields.isEmpty {
            return .html(PortalApplyPage.render(.init(agency: agency.portalSummary, csrfToken: req.csrfToken,
                                                      values: .init(fields: form, errors: error.fields),
                                                      replyDays: req.application.settings.clockRules.replyDays)), status: .unprocessableEntity)
        }
    }

    static func trackForm(req: Request) -> Response {
        .html(PortalTrackPage.render(.init(csrfToken: req.csrfToken)))
    }

    /// A POST, so neither the number nor the digits end up in addresses or access logs.
    static func track(req: Request) async throws -> Response {
        let form = try req.formFields()
        let status: PublicRequestStatus?
        do {
            status = try await PublicRequestStatus.lookup(trackingNumber: form["tracking_number"], phoneLast4: form["phone_last4"],
                                                          client: req.clientAddress, app: req.application, on: req.db)
        } catch let error as AppError where error.status == .tooManyRequests {
            let response = Response.html(PortalTrackPage.render(.init(csrfToken: req.csrfToken, trackingNumber: form["tracking_number"],
                                                                      status: nil, error: error.message)), status: .tooManyRequests)
            response.headers.add(contentsOf: error.headers)
            return response
        }
        return .html(PortalTrackPage.render(.init(
            csrfToken: req.csrfToken, trackingNumber: form["tracking_number"], status: status,
            error: status == nil ? "没有找到该申请：请核对查询号和联系电话后 4 位" : nil)), status: status == nil ? .notFound : .ok)
    }

    private static func agency(_ req: Request) async throws -> Agency {
        let code = try req.parameters.require("code")
        guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
        return agency
    }
}
