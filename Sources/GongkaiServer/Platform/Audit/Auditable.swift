import Fluent
import Foundation
import Vapor

/// A record whose changes are written to the audit log with their before/after values.
protocol Auditable {
    static var auditEntityType: AuditEntityType { get }
    /// The fields as shown in the audit log; secrets are reduced to a fingerprint.
    var auditSnapshot: [String: String] { get }
}
