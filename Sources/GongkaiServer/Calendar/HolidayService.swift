import Fluent
import GongkaiCore

/// Adding a year's holiday schedule, which replaces the bundled data for that year.
enum HolidayService {
    @discardableResult
    static func importYear(
        yearText: String, content: String, settings: Settings, by actor: AuditActor, on db: any Database
    ) async throws -> Int {
        guard let year = Int(yearText.trimmingCharacters(in: .whitespaces)), (2019...2100).contains(year) else {
            throw AppError.validation(["year": "年份“\(yearText)”无效，应为 2019–2100 之间的整数"])
        }
        let schedule: HolidaySchedule
        do {
            schedule = try HolidayScheduleParser.parse(content, year: year)
        } catch let error as HolidayScheduleError {
            throw AppError.validation(["content": error.localizedDescription])
        }
        let normalized = HolidayScheduleParser.tsv(Array(schedule.entries.values))
        try await db.writeTransaction { tx in
            if let existing = try await HolidayScheduleYear.query(on: tx).filter(\.$year == year).first() {
                let before = existing.auditSnapshot
                existing.content = normalized
                existing.version += 1
                try await existing.save(on: tx)
                try await AuditLog.record(.importData, existing, summary: "重新导入 \(year) 年节假日安排（\(schedule.entries.count) 个日期）",
                                          before: before, by: actor, on: tx)
            } else {
                let stored = HolidayScheduleYear(year: year, content: normalized)
                try await stored.create(on: tx)
                let bundled = HolidaySchedule.bundled.entries(inYear: year)
                try await AuditLog.record(
                    .importData, stored, summary: "导入 \(year) 年节假日安排（\(schedule.entries.count) 个日期）",
                    before: bundled.isEmpty ? nil : ["content": HolidayScheduleParser.tsv(bundled), "source": "bundled"],
                    by: actor, on: tx)
            }
            // Open requests' deadlines follow the new schedule at once (issue #3).
            let calendar = try CalendarStore.build(try await HolidayScheduleYear.query(on: tx).all(), convention: settings.countingConvention)
            let context = RequestContext(calendar: calendar, rules: settings.clockRules, today: settings.today)
            try await RequestService.refreshOpenRequests(context: context, actor: actor, reason: .holidayChange, on: tx)
            try await MessageService.refreshMessages(calendar: calendar, year: year, actor: actor, on: tx)  // 政民互动 (#12)
        }
        return year
    }
}
