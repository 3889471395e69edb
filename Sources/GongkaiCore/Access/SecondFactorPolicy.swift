/// Who must sign in with a second factor (#14). Those who can change users, read the audit trail
/// or approve what the public is told hold the keys an attacker wants most; everyone else may
/// choose to use one, and an installation can require it of all.
public enum SecondFactorPolicy: String, Sendable {
    /// System administrators, auditors and office heads (the default).
    case privilegedRoles = "privileged_roles"
    /// Every staff member (GONGKAI_REQUIRE_TOTP_FOR_ALL=true).
    case everyone
    /// Nobody: only for test suites that sign many users in and are not about the second factor.
    case nobody

    public static let privileged: Set<Role> = [.systemAdministrator, .auditor, .officeHead]

    public func requires(_ roles: Set<Role>) -> Bool {
        switch self {
        case .privilegedRoles: return !roles.isDisjoint(with: Self.privileged)
        case .everyone: return true
        case .nobody: return false
        }
    }
}

/// Single-use recovery codes for a lost phone: ten of them, each 10 letters and digits shown as
/// `xxxxx-xxxxx`, from an alphabet without look-alikes (no 0/o, 1/l/i).
public enum RecoveryCode {
    public static let count = 10
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    /// A code made of 10 random indexes into the alphabet.
    public static func make(using generator: inout some RandomNumberGenerator) -> String {
        let chars = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(chars[0..<5]) + "-" + String(chars[5..<10])
    }

    /// The code as stored and compared: lower case, without spaces or hyphens. Nil when it cannot
    /// be a recovery code (so a 6-digit TOTP code is told apart).
    public static func normalized(_ typed: String) -> String? {
        let text = typed.lowercased().filter { $0 != "-" && !$0.isWhitespace }
        guard text.count == 10, text.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return text
    }
}
