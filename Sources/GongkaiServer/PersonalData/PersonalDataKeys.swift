import Foundation
import Glibc
import GongkaiCore
import Logging

/// The keys an installation seals applicants' identity numbers and phones with (issue #14):
/// GONGKAI_DATA_KEY seals and hashes; GONGKAI_DATA_KEY_PREVIOUS, set only while rotating,
/// still opens what the old key sealed until `gongkai keys rotate` has re-sealed it.
struct PersonalDataKeys: Sendable {
    let current: PersonalDataKey
    let previous: PersonalDataKey?

    var all: [PersonalDataKey] { [current] + (previous.map { [$0] } ?? []) }

    func seal(_ plaintext: String, in column: SealedColumn) -> String { SealedValue.seal(plaintext, with: current, in: column) }

    /// Opens a value sealed by either key for `column`; plaintext (not yet sealed) is returned as it is.
    /// A value with a sealed prefix but no key id (cut short) throws: taken for plaintext, the
    /// start-up pass and `keys rotate` would seal the garbage and replace its hash (#14 review 14d).
    func open(_ stored: String, in column: SealedColumn) throws -> String {
        guard SealedValue.isSealed(stored) else { return stored }
        guard let id = SealedValue.keyID(of: stored) else { throw PersonalDataKeyError.malformed }
        guard let key = all.first(where: { $0.id == id }) else { throw PersonalDataKeyError.unknownKey(id) }
        return try SealedValue.open(stored, with: key, in: column)
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

    /// What a look-up must match: the hash under each key. Until `gongkai keys rotate` has run,
    /// rows keep the hashes of GONGKAI_DATA_KEY_PREVIOUS; with the current key's hash alone the
    /// duplicate check, the fee pieces and the export would miss them (#14 review).
    func idNumberHashes(_ plaintext: String) -> [String] {
        let normalised = PersonalDataRetention.normalisedIDNumber(plaintext)
        guard !normalised.isEmpty else { return [] }
        return all.map { SealedValue.lookupHash(normalised, with: $0) }
    }

    func phoneHashes(_ plaintext: String) -> [String] {
        let normalised = PersonalDataRetention.normalisedPhone(plaintext)
        guard !normalised.isEmpty else { return [] }
        return all.map { SealedValue.lookupHash(normalised, with: $0) }
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
        // Only the previous key: the operator forgot the new one. Refused, as on PostgreSQL,
        // rather than taking the key file for the new key (#14 review 14d).
        guard previous == nil else { throw PersonalDataKeyError.previousWithoutCurrent }
        return PersonalDataKeys(current: try keyFile(path + ".key", logger: logger), previous: previous)
    }

    private static func keyFile(_ path: String, logger: Logger) throws -> PersonalDataKey {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let text = PersonalDataKey.generateBase64()
        // Created exclusively, mode 0600 from the first byte: two processes starting at once on a
        // fresh database cannot each make a key (the loser would seal data with a key no file
        // keeps), and the key is never readable by others, not even for a moment (#14 review:
        // Foundation's createFile wrote a 0644 temporary file and renamed it over the target).
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            guard errno == EEXIST else { throw PersonalDataKeyError.keyFile(path: path, problem: "无法写入（\(String(cString: strerror(errno)))）") }
            return try readKeyFile(path)
        }
        let bytes = Array((text + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        Glibc.close(fd)
        guard written == bytes.count, synced else {
            unlink(path)
            throw PersonalDataKeyError.keyFile(path: path, problem: "无法写入")
        }
        logger.notice("已生成个人信息加密密钥文件 \(path)（未设置 GONGKAI_DATA_KEY）：请与数据库分开备份，丢失后证件号码和电话将无法解密（docs/security.md）")
        return PersonalDataKey(base64: text)!
    }

    /// The key another process made: read once it is whole (it writes 45 bytes and syncs them
    /// before anyone can use the key; a reader that comes between open and write waits briefly).
    private static func readKeyFile(_ path: String) throws -> PersonalDataKey {
        for attempt in 0..<50 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), let key = PersonalDataKey(base64: text) { return key }
            if attempt < 49 { usleep(20_000) }
        }
        guard (try? String(contentsOfFile: path, encoding: .utf8)) != nil else {
            throw PersonalDataKeyError.keyFile(path: path, problem: "无法读取")
        }
        throw PersonalDataKeyError.keyFile(path: path, problem: "不是 32 字节随机数的 base64")
    }
}
