import Fluent
import GongkaiCore
import Vapor

enum AgencyAPI {
    static func index(req: Request) async throws -> [AgencyDTO] {
        let staff = try req.requireStaff(.viewAgencies)
        let agencies = try await Agency.query(on: req.db).filter(\.$id ~~ Array(staff.agencies(with: .viewAgencies))).sort(\.$id).all()
        return try agencies.map(AgencyDTO.init)
    }

    static func show(req: Request) async throws -> AgencyDTO {
        let id = try req.parameters.require("id", as: Int.self)
        _ = try req.requireStaff(.viewAgencies, inAgency: id)
        guard let agency = try await Agency.find(id, on: req.db) else { throw AppError.notFound("机构") }
        return try AgencyDTO(agency)
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageAgencies)
        let input = try req.content.decode(AgencyInput.self)
        guard let parentID = input.parentId else { throw AppError.validation(["parent_id": "请提供上级机构 parent_id"]) }
        guard staff.can(.manageAgencies, inAgency: parentID) else { throw AppError.forbidden("您无权在该机构下新建机构") }
        let agency = try await AgencyService.create(try input.fields(), parentID: parentID, by: req.auditActor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(try AgencyDTO(agency))
        response.headers.replaceOrAdd(name: .location, value: APIURL.agency(.value(try agency.requireID())).path)
        return response
    }

    static func update(req: Request) async throws -> AgencyDTO {
        let id = try req.parameters.require("id", as: Int.self)
        let staff = try req.requireStaff(.manageAgencies, inAgency: id)
        let input = try req.content.decode(AgencyInput.self)
        guard let version = input.version else { throw AppError.validation(["version": "请提供 version（最近一次读取到的版本号）"]) }
        guard let agency = try await Agency.find(id, on: req.db) else { throw AppError.notFound("机构") }
        let parentID = agency.$parent.id == nil ? nil : (input.parentId ?? agency.$parent.id)
        if let parentID, parentID != agency.$parent.id, !staff.can(.manageAgencies, inAgency: parentID) {
            throw AppError.forbidden("您无权把机构移到该上级机构之下")
        }
        return try AgencyDTO(try await AgencyService.update(id, try input.fields(), parentID: parentID, expectedVersion: version,
                                                            by: req.auditActor, on: req.db))
    }
}

enum UserAPI {
    static func me(req: Request) async throws -> MeDTO {
        let staff = try req.requireStaff()
        return MeDTO(id: staff.userID, username: staff.username, displayName: staff.displayName, agencyId: staff.homeAgencyID,
                     roles: staff.assignments.map { .init(role: $0.role, agencyId: $0.agencyID) },
                     permissions: Permission.allCases.filter(staff.has))
    }

    static func index(req: Request) async throws -> [UserDTO] {
        let staff = try req.requireStaff(.manageUsers)
        let users = try await StaffUser.query(on: req.db).filter(\.$agency.$id ~~ Array(staff.agencies(with: .manageUsers)))
            .with(\.$roleAssignments).sort(\.$id).all()
        return try users.map { try UserDTO($0, roles: Set($0.roleAssignments.map(\.role))) }
    }

    static func show(req: Request) async throws -> UserDTO {
        let staff = try req.requireStaff(.manageUsers)
        let id = try req.parameters.require("id", as: Int.self)
        guard let user = try await StaffUser.find(id, on: req.db), staff.can(.manageUsers, inAgency: user.$agency.id) else {
            throw AppError.notFound("用户")
        }
        return try UserDTO(user, roles: try await UserService.roles(of: id, on: req.db))
    }

    static func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageUsers)
        let input = try req.content.decode(UserInputDTO.self)
        guard staff.can(.manageUsers, inAgency: input.agencyId) else { throw AppError.forbidden("您无权在该机构下新建用户") }
        var roles = Set<Role>()
        for text in input.roles {
            guard let role = Role(rawValue: text) else {
                throw AppError.validation(["roles": "角色“\(text)”无效，可选：\(Role.allCases.map(\.rawValue).joined(separator: "、"))"])
            }
            roles.insert(role)
        }
        let userInput = UserInput(username: input.username.lowercased(), displayName: input.displayName.trimmingCharacters(in: .whitespaces),
                                  agencyID: input.agencyId, roles: roles)
        let (user, temporary) = try await UserService.create(userInput, password: input.password, hasher: req.application.passwordHasher,
                                                             by: req.auditActor, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(CreatedUserDTO(user: try UserDTO(user, roles: roles), temporaryPassword: temporary))
        return response
    }
}

enum AuditAPI {
    static func index(req: Request) async throws -> AuditPageDTO {
        _ = try req.requireStaff(.readAuditLog)
        let query = try AuditController.auditQuery(req)
        let (entries, total) = try await query.run(on: req.db)
        return AuditPageDTO(total: total, page: query.page, pageSize: AuditQuery.pageSize, entries: entries.map(AuditEntryDTO.init))
    }
}

/// The deadline calculator staff and applicants ask for; public, like a printed calendar.
enum CalendarAPI {
    static func due(req: Request) async throws -> DeadlineExplanation {
        let start = req.query[String.self, at: "start"] ?? ""
        let days = req.query[String.self, at: "days"] ?? ""
        do {
            let (date, n) = try DeadlineInput.parse(start: start, days: days)
            return try await req.calendar().explainAddingWorkingDays(n, to: date)
        } catch let problem as DeadlineInput.Problem {
            throw AppError.validation([problem.field: problem.message])
        } catch let error as CalendarError {
            throw AppError(status: .unprocessableEntity, code: "outside_known_schedule", message: error.localizedDescription)
        }
    }

    static func workday(req: Request) async throws -> DayStatus {
        let text = req.query[String.self, at: "date"] ?? ""
        guard let date = CivilDate(iso: text) else { throw AppError.validation(["date": "日期“\(text)”无效，应为 YYYY-MM-DD"]) }
        do {
            return try await req.calendar().status(of: date)
        } catch let error as CalendarError {
            throw AppError(status: .unprocessableEntity, code: "outside_known_schedule", message: error.localizedDescription)
        }
    }

    static func years(req: Request) async throws -> CalendarYearsDTO {
        let calendar = try await req.calendar()
        let imported = try await HolidayScheduleYear.query(on: req.db).sort(\.$year).all().map(\.year)
        return CalendarYearsDTO(knownYears: calendar.knownYears, importedYears: imported, convention: calendar.convention)
    }

    static func importYear(req: Request) async throws -> CalendarYearDTO {
        _ = try req.requireStaff(.manageCalendar)
        let yearText = try req.parameters.require("year")
        let content = req.headers.contentType == .json ? try req.content.decode(CalendarYearInput.self).content : (req.body.string ?? "")
        let year = try await HolidayService.importYear(yearText: yearText, content: content, settings: req.application.settings, by: req.auditActor, on: req.db)
        return CalendarYearDTO(year: year, entries: try await req.calendar().schedule.entries(inYear: year))
    }
}
