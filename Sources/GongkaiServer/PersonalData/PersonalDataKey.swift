import Crypto
import Foundation

/// One key for applicants' identity numbers and phones at rest (issue #14): 32 random bytes,
/// given as base64 in GONGKAI_DATA_KEY. Two keys are derived from it (HKDF), so the AES-GCM
/// ciphertext and the look-up hashes never share a key; its id, stored in front of every value
/// it seals, tells which key opens the value (key rotation, a wrong key named at start-up).
struct PersonalDataKey: Sendable {
    /// Eight hex digits of a hash of the key: names it in stored values and messages without
    /// revealing it.
    let id: String
    let sealing: SymmetricKey
    let lookup: SymmetricKey

    /// A key's base64 text; nil when it is not base64 of exactly 32 bytes.
    init?(base64: String) {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else { return nil }
        let material = SymmetricKey(data: data)
        id = SHA256.hash(data: Data("gongkai personal-data key id".utf8) + data).prefix(4).map { String(format: "%02x", $0) }.joined()
        sealing = HKDF<SHA256>.deriveKey(inputKeyMaterial: material, info: Data("gongkai personal-data seal".utf8), outputByteCount: 32)
        lookup = HKDF<SHA256>.deriveKey(inputKeyMaterial: material, info: Data("gongkai personal-data lookup".utf8), outputByteCount: 32)
    }

    /// A new random key as GONGKAI_DATA_KEY takes it (`gongkai keys generate`, the SQLite key file).
    static func generateBase64() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
