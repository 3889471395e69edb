/// What a system administrator may not do to accounts, so that the duties stay with different
/// people (等保 2.0 "三员分立": system administrator, security, audit).
///
/// - Nobody changes their own roles.
/// - The audit duty — who reads the log of what administrators did — is the operator's: an
///   account holding the auditor role is created, changed (roles, agency, name, status),
///   unlocked or reset only on the server's command line, never from the console or the API, so
///   an administrator can neither take the duty himself nor narrow or take over the auditor's.
/// - The auditor role is held alone, and so is the system administrator's: the person who
///   manages accounts does not also handle, approve, publish or supervise the data they guard,
///   and the auditor does nothing that the log would have to record about them.
public enum SeparationOfDuties {
    public static let auditorByCommandLine = "审计员账号的创建、修改、停用、解除登录限制和重置密码只能由运维人员在服务器命令行操作（三员分立），不能在工作台进行"
    public static let auditorAlone = "审计角色不能与其他角色兼任（三员分立）"
    public static let administratorAlone = "系统管理员不能兼任业务角色（依申请承办、审核、发布、监督等），请为业务工作另建账号（三员分立）"

    /// Why one account may not hold these roles together, or nil. Holds for the operator too.
    public static func problem(holding roles: Set<Role>) -> String? {
        if roles.contains(.auditor), roles.count > 1 { return auditorAlone }
        if roles.contains(.systemAdministrator), roles.count > 1 { return administratorAlone }
        return nil
    }

    /// Why an administrator may not save an account (`target`, nil when new) that held
    /// `previous` with the roles `new`, or nil.
    public static func problem(changingRolesOf target: Int?, from previous: Set<Role>, to new: Set<Role>, by actor: Int) -> String? {
        if target == actor, previous != new { return "不能修改自己的角色，请由另一位管理员操作" }
        if previous.contains(.auditor) || new.contains(.auditor) { return auditorByCommandLine }
        return problem(holding: new)
    }

    /// Why an administrator may not reset the password of, unlock or deactivate a user holding
    /// `roles`, or nil.
    public static func problem(takingOverUserWith roles: Set<Role>, target: Int, by actor: Int) -> String? {
        if target == actor { return "请在“修改密码”页修改自己的密码" }
        return roles.contains(.auditor) ? auditorByCommandLine : nil
    }
}
