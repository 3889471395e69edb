import Fluent
import GongkaiCore
import Vapor

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
        let content = req.headers.contentType == .json ? try req.safeContent(CalendarYearInput.self).content : (req.body.string ?? "")
        if let problem = SafeText.problem(content) { throw AppError.validation(["content": problem]) }
        let year = try await HolidayService.importYear(yearText: yearText, content: content, settings: req.application.settings, by: req.auditActor, on: req.db)
        return CalendarYearDTO(year: year, entries: try await req.calendar().schedule.entries(inYear: year))
    }
}

extension DeadlineExplanation: Content {}

extension DayStatus: Content {}
