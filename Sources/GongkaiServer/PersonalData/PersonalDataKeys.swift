import Foundation
import GongkaiCore
import Logging

/// The keys an installation seals applicants' identity numbers and phones with (issue #14):
/// GONGKAI_DATA_KEY seals and hashes; GONGKAI_DATA_KEY_PREVIOUS, set only while rotating,
/// still opens what the old key sealed until `gongkai keys rotate` has re-sealed it.
struct PersonalDataKeys: Sendable {
    let current: PersonalDataKey
    let previous: PersonalDataKey?

    var all: [PersonalDataKey] { [current] + (previous.map { [$0] } ?? []) }

    func seal(_ plaintext: String) -> String { SealedValue.seal(plaintext, with: current) }

    /// Opens a value sealed by either key; plaintext (not yet sealed) is returned as it is.
    func open(_ stored: String) throws -> String {
        guard let id = SealedValue.keyID(of: stored) else { return stored }
        guard let key = all.first(where: { $0.id == id }) else { throw PersonalDataKeyError.unknownKey(id) }
        return try SealedValue.open(stored, with: key)
    }

    /// The duplicate-request check and the export compare identity numbers as
    /// `PersonalDataRetention.normalisedIDNumber` writes them (upper case, no spaces).
    func idNumberHash(_ plaintext: String) -> String {
        SealedValue.lookupHash(PersonalDataRetention.normalisedIDNumber(plaintext), with: current)
    }

    /// Phones are compared as digits only.
    func phoneHash(_ plaintext: String) -> String {
        SealedValue.lookupHash(PersonalDataRetention.normalisedPhone(plaintext), with: current)
    }

    /// The keys of these settings. Without GONGKAI_DATA_KEY, SQLite uses a key file beside the
    /// database (`<file>.key`, made on first start with mode 0600) so that `swift run` works on
    /// a fresh machine; PostgreSQL is a shared server an operator sets up, and is refused.
    static func resolve(_ settings: Settings, logger: Logger) throws -> PersonalDataKeys {
        let previous = try settings.dataKeyPrevious.map { text in
            guard let key = PersonalDataKey(base64: text) else {
                throw SettingsError(variable: "GONGKAI_DATA_KEY_PREVIOUS", message: "应为 32 字节随机数的 base64")
            }
            return key
        }
        if let text = settings.dataKey {
            guard let key = PersonalDataKey(base64: text) else {
                throw SettingsError(variable: "GONGKAI_DATA_KEY", message: "应为 32 字节随机数的 base64（可用 gongkai keys generate 生成）")
            }
            return PersonalDataKeys(current: key, previous: previous)
        }
        guard case .sqlite(let path) = settings.database else { throw PersonalDataKeyError.missingForPostgres }
        return PersonalDataKeys(current: try keyFile(path + ".key", logger: logger), previous: previous)
    }

    private static func keyFile(_ path: String, logger: Logger) throws -> PersonalDataKey {
        let files = FileManager.default
        if files.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw PersonalDataKeyError.keyFile(path: path, problem: "无法读取")
            }
            guard let key = PersonalDataKey(base64: text) else {
                throw PersonalDataKeyError.keyFile(path: path, problem: "不是 32 字节随机数的 base64")
            }
            return key
        }
        let text = PersonalDataKey.generateBase64()
        try? files.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Mode 0600 from the start: the key is never readable by others, not even for a moment.
        guard files.createFile(atPath: path, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw PersonalDataKeyError.keyFile(path: path, problem: "无法写入")
        }
        logger.notice("已生成个人信息加密密钥文件 \(path)（未设置 GONGKAI_DATA_KEY）：请与数据库分开备份，丢失后证件号码和电话将无法解密（docs/security.md）")
        return PersonalDataKey(base64: text)!
    }
}
