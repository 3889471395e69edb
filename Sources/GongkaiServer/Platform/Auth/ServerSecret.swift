import Fluent
import Vapor

/// A secret of the installation (`server_secrets`), made by a migration and read at start-up.
final class ServerSecret: Model, @unchecked Sendable {
    static let schema = "server_secrets"
    /// The key of the CSRF tokens derived from sessions.
    static let csrf = "csrf"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String

    init() {}

    init(name: String, value: String) {
        self.id = name
        self.value = value
    }

    /// The secret called `name`, made now when it is missing (a database restored without it).
    static func value(_ name: String, on db: any Database) async throws -> String {
        if let stored = try await ServerSecret.find(name, on: db) { return stored.value }
        let made = ServerSecret(name: name, value: Secrets.token())
        try await made.create(on: db)
        return made.value
    }
}

extension Application {
    private struct CSRFKeyKey: StorageKey { typealias Value = SymmetricKey }

    /// The key of session-bound CSRF tokens, read from the database by `prepareDatabase`
    /// (before that, a key of this process alone).
    var csrfKey: SymmetricKey {
        get { storage[CSRFKeyKey.self] ?? Self.processKey }
        set { storage[CSRFKeyKey.self] = newValue }
    }

    private static let processKey = SymmetricKey(size: .bits256)

    /// Reads the installation's CSRF key (made by CreateServerSecrets).
    func loadCSRFKey() async throws {
        let secret = try await ServerSecret.value(ServerSecret.csrf, on: db)
        csrfKey = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
    }
}
