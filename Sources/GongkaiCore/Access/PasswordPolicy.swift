/// What a staff password must be. Government systems are assessed under 等级保护, which asks
/// for length and mixed characters; we ask for what people can remember without writing down.
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// bcrypt reads only the first 72 bytes of a password, so longer ones are refused rather
    /// than silently cut (72 ASCII characters, or 24 Chinese characters in UTF-8).
    public static let maximumBytes = 72
    public static let hint = "至少 10 位，须同时包含字母和数字，不能与用户名相同"

    /// Why a password is refused, or nil when it is acceptable.
    public static func problem(with password: String, username: String) -> String? {
        if password.count < minimumLength { return "密码至少需要 \(minimumLength) 位" }
        if password.utf8.count > maximumBytes { return "密码不能超过 \(maximumBytes) 个字节（约 \(maximumBytes) 个字母或数字，或 \(maximumBytes / 3) 个汉字）" }
        if !password.contains(where: \.isLetter) || !password.contains(where: \.isNumber) {
            return "密码须同时包含字母和数字"
        }
        if password.lowercased().contains(username.lowercased()), !username.isEmpty { return "密码不能包含用户名" }
        return nil
    }
}

/// Rules for the names people sign in with.
public enum UsernamePolicy {
    public static let hint = "3–32 位小写字母、数字、点、下划线或连字符，以字母开头"

    public static func problem(with username: String) -> String? {
        let chars = Array(username)
        guard (3...32).contains(chars.count) else { return "用户名应为 3–32 位" }
        guard let first = chars.first, first.isASCII, first.isLowercase else { return "用户名应以小写字母开头" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard chars.allSatisfy(allowed.contains) else { return "用户名只能包含小写字母、数字、点、下划线或连字符" }
        return nil
    }
}
