import Foundation

/// Why personal data cannot be sealed or opened: printed by the CLI, refused at start-up.
enum PersonalDataKeyError: Error, LocalizedError, CustomStringConvertible {
    /// A stored value names a key that is neither GONGKAI_DATA_KEY nor GONGKAI_DATA_KEY_PREVIOUS.
    case unknownKey(String)
    /// The key matches but the value does not open: altered or truncated.
    case damaged(String)
    /// The value starts like a sealed one but is cut short before its key id ends (`gk2:e10c`):
    /// not plaintext, which would be sealed as it is (#14 review 14d), and no key opens it.
    case malformed
    /// GONGKAI_DATA_KEY_PREVIOUS without GONGKAI_DATA_KEY: the new key was forgotten. On SQLite the
    /// key file would silently become the "new" key and `keys rotate` re-seal everything under it.
    case previousWithoutCurrent
    /// PostgreSQL without GONGKAI_DATA_KEY: no key file is made for a shared server.
    case missingForPostgres
    /// The SQLite key file exists but does not hold a key, or cannot be written or read.
    case keyFile(path: String, problem: String)
    /// One record kept changing while it was being sealed again (servers writing to it).
    case changing(table: String, id: Int)
    /// `gongkai keys rotate` without GONGKAI_DATA_KEY_PREVIOUS.
    case nothingToRotate
    /// One stored value that does not open, with where it is, so that the operator can find it
    /// (a refused rotation named only the key, #14 review): the table, the record's id and its
    /// tracking number when it has one, the column, and why.
    indirect case unopenable(table: String, id: Int, reference: String?, column: String, cause: PersonalDataKeyError)

    var description: String {
        switch self {
        case .unknownKey(let id):
            return "证件号码和电话由密钥 \(id) 加密，但 GONGKAI_DATA_KEY 和 GONGKAI_DATA_KEY_PREVIOUS 都不是该密钥：请设置加密时所用的密钥（docs/security.md）"
        case .damaged(let id):
            return "一条由密钥 \(id) 加密的证件号码或电话无法解密（数据已损坏、被改动，或由其他字段复制而来）"
        case .malformed:
            return "一条证件号码或电话以加密格式（gk1:/gk2:）开头，但内容不完整（被截断或改动），无法解密"
        case .previousWithoutCurrent:
            return "设置了 GONGKAI_DATA_KEY_PREVIOUS 却未设置 GONGKAI_DATA_KEY：轮换密钥时，GONGKAI_DATA_KEY 设为新密钥，GONGKAI_DATA_KEY_PREVIOUS 设为原密钥（docs/security.md）"
        case .missingForPostgres:
            return "使用 PostgreSQL 时必须设置 GONGKAI_DATA_KEY（32 字节随机数的 base64，可用 gongkai keys generate 生成）：申请人的证件号码和电话以此密钥加密保存（docs/deploy.md）"
        case .keyFile(let path, let problem):
            return "个人信息密钥文件 \(path) \(problem)"
        case .unopenable(let table, let id, let reference, let column, let cause):
            let record = reference.map { "\(table) 中 id 为 \(id)（查询号 \($0)）的记录" } ?? "\(table) 中 id 为 \(id) 的记录"
            return "\(record)的 \(column) 无法解密：\(cause.description)"
        case .changing(let table, let id):
            return "\(table) 中 id 为 \(id) 的记录在重新加密期间被反复修改，未做任何改动：请停止服务后再运行 gongkai keys rotate"
        case .nothingToRotate:
            return "未设置 GONGKAI_DATA_KEY_PREVIOUS：轮换密钥时，GONGKAI_DATA_KEY 设为新密钥，GONGKAI_DATA_KEY_PREVIOUS 设为原密钥"
        }
    }

    var errorDescription: String? { description }
}
