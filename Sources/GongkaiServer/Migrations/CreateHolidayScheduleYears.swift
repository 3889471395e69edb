import Fluent

struct CreateHolidayScheduleYears: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HolidayScheduleYear.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("year", .int, .required)
            .field("content", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HolidayScheduleYear.schema).delete()
    }
}
