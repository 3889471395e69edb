import Fluent
import SQLKit

/// Identity numbers and phones are sealed at rest (issue #14), so look-ups compare keyed
/// hashes instead: the duplicate-request check and one applicant's fee pieces by identity
/// number, one person's export by identity number and by a sender's phone. A migration has no
/// key: the hashes of existing rows, and the sealing of their values, are written by the
/// start-up step after the migrations (`PersonalDataEncryption.prepare`).
struct AddPersonalDataLookupHashes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DisclosureRequest.schema)
            .field(.definition(name: .key("id_number_hash"), dataType: .string, constraints: [.required, .sql(.default(""))]))
            .update()
        try await database.schema(PublicMessage.schema)
            .field(.definition(name: .key("sender_phone_hash"), dataType: .string, constraints: [.required, .sql(.default(""))]))
            .update()
        try await database.sqlIndex(on: DisclosureRequest.schema, "id_number_hash")
        try await database.sqlIndex(on: PublicMessage.schema, "sender_phone_hash")
        // The index on the sealed values finds nothing any more: each seal is different.
        try await database.requireSQL().raw("DROP INDEX IF EXISTS disclosure_requests_id_number_idx").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DisclosureRequest.schema).deleteField("id_number_hash").update()
        try await database.schema(PublicMessage.schema).deleteField("sender_phone_hash").update()
    }
}
