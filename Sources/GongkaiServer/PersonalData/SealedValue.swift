import Crypto
import Foundation

/// How a sealed identity number or phone is stored: `gk2:<key id>:<base64(nonce|ciphertext|tag)>`,
/// text so that both databases, backups and the SQLite→PostgreSQL export carry it unchanged.
/// `gk2` values are sealed with their column (`SealedColumn`) as associated data; `gk1` values,
/// written before that (#14 review), have none: they still open, and are sealed again as `gk2`
/// at start (under the current key) or by `gongkai keys rotate`.
/// The empty value stays empty: "nothing recorded" (and anonymised records) must still read as such.
enum SealedValue {
    static let prefix = "gk2:"
    /// Values sealed without associated data.
    static let legacyPrefix = "gk1:"

    /// True for a value written by `seal` (either version); anything else is plaintext from before
    /// encryption (rows of an older version, or written by raw SQL) until the start-up step seals it.
    static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) || stored.hasPrefix(legacyPrefix) }

    /// The id of the key that sealed a stored value (both prefixes are four characters long).
    static func keyID(of stored: String) -> String? {
        guard isSealed(stored) else { return nil }
        let rest = stored.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return String(rest[..<colon])
    }

    static func seal(_ plaintext: String, with key: PersonalDataKey, in column: SealedColumn) -> String {
        guard !plaintext.isEmpty else { return "" }
        // A fresh random nonce per value (AES.GCM's default): equal values give different ciphertexts.
        // cannot fail with a 256-bit key and a random nonce
        let box = try! AES.GCM.seal(Data(plaintext.utf8), using: key.sealing, authenticating: column.associatedData)
        return prefix + key.id + ":" + box.combined!.base64EncodedString()
    }

    /// The plaintext of a value sealed with `key` for `column`; throws when the key is not the one
    /// that sealed it, the value was altered (GCM's tag) or it was sealed for another column.
    static func open(_ stored: String, with key: PersonalDataKey, in column: SealedColumn) throws -> String {
        guard isSealed(stored) else { return stored }
        let rest = stored.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":"), String(rest[..<colon]) == key.id else {
            throw PersonalDataKeyError.unknownKey(keyID(of: stored) ?? "?")
        }
        // The key is the right one: a body that is not base64 is a damaged value, not one sealed
        // by a key to be set (#14 review 14e: the refusal told the operator to set a key already set).
        guard let data = Data(base64Encoded: String(rest[rest.index(after: colon)...])) else {
            throw PersonalDataKeyError.damaged(key.id)
        }
        do {
            let box = try AES.GCM.SealedBox(combined: data)
            let plain = stored.hasPrefix(legacyPrefix)
                ? try AES.GCM.open(box, using: key.sealing)
                : try AES.GCM.open(box, using: key.sealing, authenticating: column.associatedData)
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
