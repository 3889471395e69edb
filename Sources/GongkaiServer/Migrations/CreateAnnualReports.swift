import Fluent

/// Annual reports: the report being written (one per agency and year), its hand-entered
/// table-二 figures, its history, and its published versions.
struct CreateAnnualReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgencyReport.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .field("year", .int, .required)
            .field("status", .string, .required)
            .field("overview", .string, .required)
            .field("problems", .string, .required)
            .field("other_matters", .string, .required)
            .field("include_subtree", .bool, .required)
            .field("acknowledgements", .string, .required)
            .field("return_comment", .string, .required)
            .field("submitted_cells", .string, .required)
            .field("published_version", .int)
            .unique(on: "agency_id", "year")
            .create()
        try await database.sqlIndex(on: AgencyReport.schema, "year", "status")
        try await database.schema(ReportFigureEntry.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .field("year", .int, .required)
            .field("cell", .string, .required)
            .field("value", .string, .required)
            .field("source", .string, .required)
            .field("entered_by", .string, .required)
            .field("entered_at", .datetime, .required)
            .unique(on: "agency_id", "year", "cell")
            .create()
        try await database.schema(ReportEvent.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("report_id", .int, .required, .references(AgencyReport.schema, .id, onDelete: .cascade))
            .field("occurred_at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("step", .string, .required)
            .field("comment", .string, .required)
            .create()
        try await database.sqlIndex(on: ReportEvent.schema, "report_id")
        try await database.schema(PublishedReport.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .field("year", .int, .required)
            .field("version_no", .int, .required)
            .field("published_on", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .field("correction_note", .string, .required)
            .field("content", .string, .required)
            .unique(on: "agency_id", "year", "version_no")
            .create()
        try await database.sqlIndex(on: PublishedReport.schema, "year")
    }

    func revert(on database: any Database) async throws {
        for schema in [PublishedReport.schema, ReportEvent.schema, ReportFigureEntry.schema, AgencyReport.schema] {
            try await database.schema(schema).delete()
        }
    }
}
