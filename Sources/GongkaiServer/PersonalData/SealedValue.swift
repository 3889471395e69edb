import Crypto
import Foundation

/// How a sealed identity number or phone is stored: `gk1:<key id>:<base64(nonce|ciphertext|tag)>`,
/// text so that both databases, backups and the SQLite→PostgreSQL export carry it unchanged.
/// The empty value stays empty: "nothing recorded" (and anonymised records) must still read as such.
enum SealedValue {
    static let prefix = "gk1:"

    /// True for a value written by `seal`; anything else is plaintext from before encryption
    /// (rows of an older version, or written by raw SQL) until the start-up step seals it.
    static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    /// The id of the key that sealed a stored value.
    static func keyID(of stored: String) -> String? {
        guard isSealed(stored) else { return nil }
        let rest = stored.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return String(rest[..<colon])
    }

    static func seal(_ plaintext: String, with key: PersonalDataKey) -> String {
        guard !plaintext.isEmpty else { return "" }
        // A fresh random nonce per value (AES.GCM's default): equal values give different ciphertexts.
        let box = try! AES.GCM.seal(Data(plaintext.utf8), using: key.sealing)  // cannot fail with a 256-bit key and a random nonce
        return prefix + key.id + ":" + box.combined!.base64EncodedString()
    }

    /// The plaintext of a value sealed with `key`; throws when the key is not the one that sealed
    /// it or the value was altered (GCM's tag).
    static func open(_ stored: String, with key: PersonalDataKey) throws -> String {
        guard isSealed(stored) else { return stored }
        let rest = stored.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":"), String(rest[..<colon]) == key.id,
              let data = Data(base64Encoded: String(rest[rest.index(after: colon)...])) else {
            throw PersonalDataKeyError.unknownKey(keyID(of: stored) ?? "?")
        }
        do {
            let plain = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key.sealing)
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw PersonalDataKeyError.damaged(key.id)
        }
    }

    /// The keyed hash a look-up compares (hex HMAC-SHA256 of the normalised value); empty for
    /// an empty value, so records without one never match each other.
    static func lookupHash(_ normalised: String, with key: PersonalDataKey) -> String {
        guard !normalised.isEmpty else { return "" }
        return HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: key.lookup).map { String(format: "%02x", $0) }.joined()
    }
}
