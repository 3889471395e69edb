import Fluent
import GongkaiCore
import Vapor

/// Agency management in the staff console.
enum AgencyController {
    static func index(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewAgencies)
        let outline = try await AgencyTree.outline(of: Array(staff.agencies(with: .viewAgencies)), on: req.db)
        let rows = try outline.map { item in
            let id = try item.agency.requireID()
            return AgencyIndexPage.Row(id: id, depth: item.depth, name: item.agency.name, kind: item.agency.kind,
                                       code: item.agency.code, creditCode: item.agency.creditCode, phone: item.agency.phone,
                                       canEdit: staff.can(.manageAgencies, inAgency: id))
        }
        let model = AgencyIndexPage.Model(context: try req.consoleContext(.agencies), rows: rows, canCreate: staff.has(.manageAgencies))
        return .html(AgencyIndexPage.View(model: model).render())
    }

    static func new(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageAgencies)
        let fields = AgencyFields(code: "", name: "", shortName: "", kind: .department, creditCode: nil)
        return try await form(req, staff: staff, agencyID: nil, version: 0, fields: fields, parentID: staff.homeAgencyID, errors: [:])
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageAgencies)
        let form = try req.formFields()
        let fields = AgencyFields(form: form)
        let parentID = form.int("parent_id")
        do {
            let agency = try await AgencyService.create(fields, parentID: parentID, staff: staff, by: req.auditActor, on: req.db)
            return req.redirect(to: .agencies, flash: "已创建机构“\(agency.name)”")
        } catch let error as AppError where !error.fields.isEmpty {
            return try await self.form(req, staff: staff, agencyID: nil, version: 0, fields: fields, parentID: parentID, errors: error.fields)
        }
    }

    static func edit(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff(.manageAgencies, inAgency: id)
        guard let agency = try await Agency.find(id, on: req.db) else { throw AppError.notFound("机构") }
        return try await form(req, staff: staff, agencyID: id, version: agency.version, fields: agency.fields,
                              parentID: agency.$parent.id, errors: [:])
    }

    static func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff(.manageAgencies, inAgency: id)
        let form = try req.formFields()
        let fields = AgencyFields(form: form)
        guard let agency = try await Agency.find(id, on: req.db) else { throw AppError.notFound("机构") }
        let parentID = agency.$parent.id.flatMap { staff.can(.manageAgencies, inAgency: $0) ? form.int("parent_id") : $0 }
        do {
            _ = try await AgencyService.update(
                id, fields, parentID: parentID, expectedVersion: try form.version(),
                staff: staff, by: req.auditActor, on: req.db)
            return req.redirect(to: .agencies, flash: "已保存机构“\(fields.name)”")
        } catch let error as AppError where !error.fields.isEmpty || error.code == "edit_conflict" {
            var errors = error.fields
            if error.code == "edit_conflict" { errors["version"] = error.message }
            return try await self.form(
                req, staff: staff, agencyID: id, version: (try? form.version()) ?? agency.version,
                fields: fields, parentID: parentID, errors: errors,
                status: error.code == "edit_conflict" ? .conflict : .unprocessableEntity)
        }
    }

    private static func form(
        _ req: Request, staff: StaffPrincipal, agencyID: Int?, version: Int, fields: AgencyFields, parentID: Int?,
        errors: [String: String], status: HTTPResponseStatus? = nil
    ) async throws -> Response {
        var options = try await AgencyTree.outline(of: Array(staff.agencies(with: .manageAgencies)), on: req.db)
        if let agencyID {
            // An agency cannot go under itself or its own subtree.
            let own = Set(try await AgencyTree.subtreeIDs(of: [agencyID], on: req.db))
            options.removeAll { own.contains($0.agency.id ?? -1) }
        }
        let model = AgencyFormPage.Model(
            context: try req.consoleContext(.agencies), agencyID: agencyID, version: version, fields: fields, parentID: parentID,
            parentOptions: options.compactMap { item in
                item.agency.id.map { ($0, String(repeating: "　", count: item.depth) + item.agency.name) }
            },
            errors: errors)
        return .html(AgencyFormPage.View(model: model).render(), status: status ?? (errors.isEmpty ? .ok : .unprocessableEntity))
    }
}
