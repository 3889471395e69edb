import NIOCore
import Vapor

/// Collects a request's body within `Settings.bodyDeadlineSeconds` of starting to read it.
///
/// The idle timeout closes a connection that sends nothing, but a body sent a byte every few
/// seconds is never idle: such a slowloris upload once held an upload slot (four for all the
/// public) for as long as it liked. Past the deadline the request is answered 408 and its slot
/// given back. Vapor gives handlers no hold on the connection, so it is not closed: what the
/// client still sends is read and dropped within the route's size limit, and the connection
/// ends when the client stops (or at the idle timeout).
enum BodyDeadline {
    static func collect(_ request: Request, max: Int) async throws {
        guard request.body.data == nil else { return }
        let seconds = request.application.settings.bodyDeadlineSeconds
        let eventLoop = request.eventLoop
        let promise = eventLoop.makePromise(of: Void.self)
        // A promise completes once: whichever of the body and the timer comes first decides.
        request.body.collect(max: max).map { _ in }.cascade(to: promise)
        let timer = eventLoop.scheduleTask(in: .seconds(Int64(seconds))) {
            promise.fail(AppError(status: .requestTimeout, code: "body_timeout",
                                  message: "提交的内容在 \(seconds) 秒内未传完，请检查网络后重试"))
        }
        defer { timer.cancel() }
        try await promise.futureResult.get()
    }
}
