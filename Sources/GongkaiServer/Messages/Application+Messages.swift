import Foundation
import GongkaiCore
import Vapor

/// The services of 政民互动 (#12), made once in `configure` like the platform's others.
extension Application {
    private struct FormTokenKey: StorageKey { typealias Value = FormToken }
    private struct ImportProgressKey: StorageKey { typealias Value = MessageImportProgress }

    func makeMessageServices() {
        storage[FormTokenKey.self] = FormToken(secret: settings.formSecret, minimumAge: TimeInterval(settings.mailboxMinSeconds))
        storage[ImportProgressKey.self] = MessageImportProgress()
    }

    private func messageService<K: StorageKey>(_ key: K.Type) -> K.Value {
        guard let value = storage[key] else { preconditionFailure("configure(_:settings:) makes the message services") }
        return value
    }

    var mailboxFormToken: FormToken { messageService(FormTokenKey.self) }
    var messageImportProgress: MessageImportProgress { messageService(ImportProgressKey.self) }

    /// What the message clock needs: the calendar in force, today, the limits, "due soon".
    func messageContext() async throws -> MessageContext {
        MessageContext(calendar: try await calendarStore.calendar(on: db), today: settings.today, limits: settings.messageTimeLimits,
                       dueSoonDays: settings.messageDueSoonDays)
    }
}

extension Request {
    func messageContext() async throws -> MessageContext { try await application.messageContext() }
}
