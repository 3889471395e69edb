import Testing
@testable import GongkaiCore

/// Who must use a second factor, and what a recovery code looks like (#14).
@Suite("Second factor: who needs it, recovery codes")
struct SecondFactorPolicyTests {
    @Test(arguments: Role.allCases)
    func administratorsAuditorsAndHeadsNeedIt(role: Role) {
        let required: Set<Role> = [.systemAdministrator, .auditor, .officeHead]
        #expect(SecondFactorPolicy.privilegedRoles.requires([role]) == required.contains(role))
        #expect(SecondFactorPolicy.everyone.requires([role]))
        #expect(!SecondFactorPolicy.nobody.requires([role]))
    }

    @Test func oneRequiringRoleAmongOthersIsEnough() {
        #expect(SecondFactorPolicy.privilegedRoles.requires([.caseOfficer, .officeHead]))
        #expect(!SecondFactorPolicy.privilegedRoles.requires([.caseOfficer, .publisher]))
    }

    @Test func recoveryCodesAreTenCharactersInTwoGroupsAndToldApartFromTOTPCodes() {
        var generator = SystemRandomNumberGenerator()
        let codes = (0..<50).map { _ in RecoveryCode.make(using: &generator) }
        for code in codes {
            #expect(code.count == 11 && code.dropFirst(5).first == "-")
            #expect(RecoveryCode.normalized(code) == code.replacingOccurrences(of: "-", with: ""))
            #expect(RecoveryCode.normalized(code.uppercased()) == RecoveryCode.normalized(code), "typed in capitals")
        }
        #expect(Set(codes).count == codes.count)
        #expect(RecoveryCode.normalized("123456") == nil, "a TOTP code is not a recovery code")
        #expect(RecoveryCode.normalized("abcde-fghi0") == nil, "0 is not in the alphabet (looks like o)")
    }
}
