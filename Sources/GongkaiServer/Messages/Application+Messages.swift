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

/// What the message clock needs from the installation.
struct MessageContext: Sendable {
    var calendar: WorkingDayCalendar
    var today: CivilDate
    /// The platform's defaults; an agency's own rules are added by `MessageChannels.limits`.
    var limits: MessageTimeLimits
    var dueSoonDays: Int
}

/// How far each running import has got, for its job page (same instance; the outcome is stored).
actor MessageImportProgress {
    struct State: Sendable {
        var phase: MessageImportStatus
        var rows: Int
        var bytes: Int
        var totalBytes: Int
    }

    private var states: [Int: State] = [:]
    private var tasks: [Int: Task<Void, Never>] = [:]

    func update(_ job: Int, _ state: State) { states[job] = state }
    func finish(_ job: Int) { states[job] = nil }
    func state(_ job: Int) -> State? { states[job] }

    func track(_ job: Int, _ task: Task<Void, Never>) { tasks[job] = task }

    /// Waits for the job's current phase to end (tests, shutdown).
    func wait(_ job: Int) async {
        await tasks[job]?.value
    }
}
