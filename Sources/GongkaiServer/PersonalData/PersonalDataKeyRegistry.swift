import Foundation
import NIOConcurrencyHelpers

/// Every personal-data key this process was configured with, by id, so that a model can open
/// its identity number and phone when read: Fluent gives a model no hook into its application
/// when it is decoded from a row. Keys are named by their id, so the applications of one
/// process (the tests run many) never take each other's; which values a deployment can open
/// is checked against its own keys at start-up (`PersonalDataEncryption.prepare`).
enum PersonalDataKeyRegistry {
    private static let keys = NIOLockedValueBox<[String: PersonalDataKey]>([:])

    /// What a page shows for a value whose key this process does not have (a key removed while
    /// the server ran, or a row another instance sealed with a newer key).
    static let unreadable = "（无法解密）"

    static func register(_ ring: PersonalDataKeys) {
        keys.withLockedValue { known in for key in ring.all { known[key.id] = key } }
    }

    /// The plaintext of a value stored in `column`: sealed values opened by their key, plaintext as
    /// it is; a sealed value cut short (no key id), or sealed for another column, is as unreadable
    /// as one whose key is unknown.
    static func open(_ stored: String, in column: SealedColumn) -> String {
        openIfReadable(stored, in: column) ?? unreadable
    }

    /// The plaintext, or nil where `open` shows the placeholder: a path that copies the value
    /// elsewhere must copy what is stored, not the placeholder (#14 review 14e).
    static func openIfReadable(_ stored: String, in column: SealedColumn) -> String? {
        guard SealedValue.isSealed(stored) else { return stored }
        guard let id = SealedValue.keyID(of: stored), let key = keys.withLockedValue({ $0[id] }) else { return nil }
        return try? SealedValue.open(stored, with: key, in: column)
    }
}
