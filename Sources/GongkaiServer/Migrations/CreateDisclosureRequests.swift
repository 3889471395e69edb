import Fluent

struct CreateDisclosureRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DisclosureRequest.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .field("tracking_number", .string, .required)
            .field("source", .string, .required)
            .field("channel", .string, .required)
            .field("submitted_on", .string, .required)
            .field("received_on", .string)
            .field("applicant_kind", .string, .required)
            .field("applicant_name", .string, .required)
            .field("id_type", .string, .required)
            .field("id_number", .string, .required)
            .field("contact_person", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("description", .string, .required)
            .field("document_number", .string, .required)
            .field("provision_form", .string, .required)
            .field("delivery_method", .string, .required)
            .field("correction_sent_on", .string)
            .field("correction_deadline", .string)
            .field("correction_received_on", .string)
            .field("extension_granted_on", .string)
            .field("extension_days", .int)
            .field("extension_approved_by", .string)
            .field("extension_requested_days", .int)
            .field("extension_request_reason", .string)
            .field("deferral_set_on", .string)
            .field("deferral_due_on", .string)
            .field("deferral_reason", .string)
            .field("status", .string, .required)
            .field("due_on", .string)
            .field("concluded_on", .string)
            .field("outcome", .string)
            .field("reply_type", .string)
            .field("service_method", .string)
            .field("letter_number", .string)
            .field("reply_letter_json", .string)
            .field("case_officer_id", .int, .references(StaffUser.schema, .id, onDelete: .setNull))
            .field("related_request_id", .int, .references(DisclosureRequest.schema, .id, onDelete: .setNull))
            .unique(on: "tracking_number")
            .create()
        // The year statistics read ranges of receipt and conclusion dates from covering indexes
        // (no table access); the work lists read by status and due date.
        try await database.sqlIndex(on: DisclosureRequest.schema, "agency_id", "received_on", "applicant_kind")
        try await database.sqlIndex(on: DisclosureRequest.schema, "agency_id", "concluded_on", "received_on", "outcome", "applicant_kind")
        try await database.sqlIndex(on: DisclosureRequest.schema, "status", "due_on")
        try await database.sqlIndex(on: DisclosureRequest.schema, "agency_id", "status", "due_on")
        try await database.sqlIndex(on: DisclosureRequest.schema, "id_number")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DisclosureRequest.schema).delete()
    }
}

struct CreateRequestDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RequestConsultation.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("request_id", .int, .required, .references(DisclosureRequest.schema, .id, onDelete: .cascade))
            .field("party", .string, .required)
            .field("kind", .string, .required)
            .field("sent_on", .string, .required)
            .field("party_received_on", .string)
            .field("answered_on", .string)
            .field("answer_summary", .string, .required)
            .create()
        try await database.sqlIndex(on: RequestConsultation.schema, "request_id")
        try await database.schema(RequestFeeNotice.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("request_id", .int, .required, .references(DisclosureRequest.schema, .id, onDelete: .cascade))
            .field("method", .string, .required)
            .field("quantity", .int, .required)
            .field("earlier_this_month", .int, .required)
            .field("amount", .int, .required)
            .field("breakdown", .string, .required)
            .field("sent_on", .string, .required)
            .field("applicant_received_on", .string)
            .field("paid_on", .string)
            .field("receipt_number", .string)
            .field("waived_on", .string)
            .field("waiver_reason", .string)
            .field("approved_by", .string, .required)
            .create()
        try await database.sqlIndex(on: RequestFeeNotice.schema, "request_id")
        try await database.schema(RequestEvent.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("request_id", .int, .required, .references(DisclosureRequest.schema, .id, onDelete: .cascade))
            .field("occurred_on", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("kind", .string, .required)
            .field("summary", .string, .required)
            .create()
        try await database.sqlIndex(on: RequestEvent.schema, "request_id")
        try await database.schema(RequestAttachment.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("request_id", .int, .required, .references(DisclosureRequest.schema, .id, onDelete: .cascade))
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("data", .data, .required)
            .field("uploaded_at", .datetime, .required)
            .field("uploaded_by", .string, .required)
            .create()
        try await database.sqlIndex(on: RequestAttachment.schema, "request_id")
    }

    func revert(on database: any Database) async throws {
        for schema in [RequestAttachment.schema, RequestEvent.schema, RequestFeeNotice.schema, RequestConsultation.schema] {
            try await database.schema(schema).delete()
        }
    }
}

struct CreateReviewCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReviewCase.schema)
            .field(.id, .int, .identifier(auto: true))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .field("request_id", .int, .references(DisclosureRequest.schema, .id, onDelete: .setNull))
            .field("kind", .string, .required)
            .field("filed_on", .string, .required)
            .field("body", .string, .required)
            .field("case_number", .string, .required)
            .field("result", .string, .required)
            .field("decided_on", .string)
            .field("summary", .string, .required)
            .field("reopened_request_id", .int, .references(DisclosureRequest.schema, .id, onDelete: .setNull))
            .create()
        try await database.sqlIndex(on: ReviewCase.schema, "agency_id", "filed_on")
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReviewCase.schema).delete()
    }
}
