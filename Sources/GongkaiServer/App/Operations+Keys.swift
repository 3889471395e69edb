import Foundation

/// The key applicants' identity numbers and phones are sealed with, at the command line (#14).
extension Operations {
    public struct KeyRotation: Sendable {
        public let keyID: String
        public let requests: Int
        public let messages: Int
    }

    /// `gongkai keys generate`: a new GONGKAI_DATA_KEY.
    public static func generateDataKey() -> String { PersonalDataKey.generateBase64() }

    /// `gongkai keys rotate`: with GONGKAI_DATA_KEY the new key and GONGKAI_DATA_KEY_PREVIOUS the
    /// old one, re-seals and re-hashes every value in one transaction.
    public static func rotateDataKey(_ settings: Settings) async throws -> KeyRotation {
        guard settings.dataKeyPrevious != nil else { throw CommandError(PersonalDataKeyError.nothingToRotate.description) }
        return try await withApplication(settings) { app in
            do {
                let counts = try await PersonalDataEncryption.rotate(actor: .commandLine("keys rotate"), on: app.db)
                return KeyRotation(keyID: try app.db.personalDataKeys.current.id, requests: counts.requests, messages: counts.messages)
            } catch let error as PersonalDataKeyError {
                throw CommandError(error.description + "；未做任何改动")
            }
        }
    }
}
