import Fluent
import GongkaiCore
import Vapor

/// The working-day calendar: year view, deadline calculator, and importing a year's schedule.
enum CalendarController {
    static func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.viewConsole)
        let calendar = try await req.calendar()
        let year = req.query[Int.self, at: "year"] ?? req.application.settings.today.year
        var calculator = CalendarPage.Calculator()
        if let start = req.query[String.self, at: "start"], !start.isEmpty {
            calculator.start = start
            calculator.days = req.query[String.self, at: "days"] ?? "20"
            do {
                let (date, days) = try DeadlineInput.parse(start: start, days: calculator.days)
                calculator.result = try calendar.explainAddingWorkingDays(days, to: date)
            } catch {
                calculator.error = error.localizedDescription
            }
        }
        let model = try await pageModel(req, staff: staff, calendar: calendar, year: year, calculator: calculator, upload: .init())
        return .html(CalendarPage.View(model: model).render())
    }

    struct UploadForm: Content {
        var year: String?
        var content: String?
        var file: File?
    }

    static func importYear(req: Request) async throws -> Response {
        let staff = try req.requireStaff(.manageCalendar)
        let form = try req.safeContent(UploadForm.self)
        var text = form.content ?? ""
        if let file = form.file, file.data.readableBytes > 0 {
            guard let decoded = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .utf8) else {
                throw AppError.validation(["content": "文件不是 UTF-8 编码的文本，请另存为 UTF-8 后再导入"])
            }
            text = decoded
        }
        do {
            let year = try await HolidayService.importYear(yearText: form.year ?? "", content: text, settings: req.application.settings, by: req.auditActor, on: req.db)
            return req.redirect(to: .calendar(year: year), flash: "已导入 \(year) 年节假日安排，相关期限将按新安排计算")
        } catch let error as AppError where !error.fields.isEmpty {
            let calendar = try await req.calendar()
            let upload = CalendarPage.Upload(year: form.year ?? "", content: text, errors: error.fields)
            let model = try await pageModel(req, staff: staff, calendar: calendar, year: Int(form.year ?? "") ?? CivilDate.today().year,
                                            calculator: .init(), upload: upload)
            return .html(CalendarPage.View(model: model).render(), status: .unprocessableEntity)
        }
    }

    private static func pageModel(
        _ req: Request, staff: StaffPrincipal, calendar: WorkingDayCalendar, year: Int,
        calculator: CalendarPage.Calculator, upload: CalendarPage.Upload
    ) async throws -> CalendarPage.Model {
        let imported = Set(try await HolidayScheduleYear.query(on: req.db).all().map(\.year))
        let known = calendar.knownYears.contains(year)
        return CalendarPage.Model(
            context: try req.consoleContext(.calendar), year: year, knownYears: calendar.knownYears, importedYears: imported,
            calendar: known ? calendar : nil, entries: calendar.schedule.entries(inYear: year), calculator: calculator,
            canManage: staff.has(.manageCalendar), upload: upload)
    }
}
