import Foundation

/// Where a sealed value belongs: bound to the value as AES-GCM associated data (`gk2:` values,
/// #14 review), so that a sealed identity number copied into a phone column, or a request's
/// phone into a message, does not open there. The record's id is not part of it: a record
/// created through Fluent has no id until it is inserted, and sealing happens before (see
/// docs/security.md for what this does and does not prevent).
enum SealedColumn: String, Sendable, CaseIterable {
    case requestIDNumber = "disclosure_requests.id_number"
    case requestPhone = "disclosure_requests.phone"
    case messageSenderPhone = "public_messages.sender_phone"

    var table: String { String(rawValue.prefix { $0 != "." }) }
    var column: String { String(rawValue.drop { $0 != "." }.dropFirst()) }

    /// The associated data: a fixed label and the place, so that no other use of the key can
    /// produce the same bytes.
    var associatedData: Data { Data("gongkai personal data \(rawValue)".utf8) }
}
