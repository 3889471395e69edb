/// What a system administrator may not do to accounts, so that the duties stay with different
/// people (等保 2.0 "三员分立": system administrator, security, audit): nobody changes their own
/// roles, and the audit duty — who reads the log of what administrators did — is given, taken
/// away or reset only by the operator on the server's command line, never from the console.
public enum SeparationOfDuties {
    public static let auditorByCommandLine = "审计角色的授予、撤销及审计员账号的停用和重置密码只能由运维人员在服务器命令行操作（三员分立），不能在工作台进行"

    /// Why an administrator may not change a user's roles from `previous` to `new`, or nil.
    public static func problem(changingRolesOf target: Int?, from previous: Set<Role>, to new: Set<Role>, by actor: Int) -> String? {
        if target == actor, previous != new { return "不能修改自己的角色，请由另一位管理员操作" }
        if previous.contains(.auditor) != new.contains(.auditor) { return auditorByCommandLine }
        return nil
    }

    /// Why an administrator may not reset the password of (or deactivate) a user holding `roles`.
    public static func problem(takingOverUserWith roles: Set<Role>, target: Int, by actor: Int) -> String? {
        if target == actor { return "请在“修改密码”页修改自己的密码" }
        return roles.contains(.auditor) ? auditorByCommandLine : nil
    }
}
