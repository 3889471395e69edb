import Testing
@testable import GongkaiCore

@Suite("Roles and separation of duties")
struct RoleTests {
    @Test func dutiesAreSeparated() {
        // The one who publishes is not the one who reviews or checks confidentiality.
        #expect(!Role.publisher.permissions.contains(.review))
        #expect(!Role.reviewer.permissions.contains(.publish))
        #expect(!Role.publisher.permissions.contains(.confidentialityReview))
        // The administrator does not read the audit log of his own actions; the auditor changes nothing.
        #expect(!Role.systemAdministrator.permissions.contains(.readAuditLog))
        #expect(Role.auditor.permissions == [.viewConsole, .readAuditLog])
        // Only the office head approves extensions (Regulation Art. 33).
        #expect(Role.allCases.filter { $0.permissions.contains(.approveExtensionsAndFees) } == [.officeHead])
        // A supervisor only reads.
        let writes: Set<Permission> = [.manageAgencies, .manageUsers, .manageCalendar, .publish, .review,
                                       .confidentialityReview, .handleRequests, .approveExtensionsAndFees]
        #expect(Role.supervisor.permissions.isDisjoint(with: writes))
    }

    @Test func everyRoleEntersTheConsole() {
        for role in Role.allCases { #expect(role.permissions.contains(.viewConsole)) }
    }

    @Test func parsesCodesAndChineseLabels() {
        #expect(Role(text: "case_officer") == .caseOfficer)
        #expect(Role(text: "保密审查") == .confidentialityReviewer)
        #expect(Role(text: "boss") == nil)
    }
}
