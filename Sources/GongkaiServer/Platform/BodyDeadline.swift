import NIOCore
import Vapor

/// Collects a request's body within its deadline (`seconds(forLimit:configured:)`) of starting to
/// read it.
///
/// The idle timeout closes a connection that sends nothing, but a body sent a byte every few
/// seconds is never idle: such a slowloris upload once held an upload slot (four for all the
/// public) for as long as it liked. Past the deadline the request is answered 408 and its slot
/// given back.
///
/// The body is collected here, not by Vapor's `request.body.collect(max:)`: that one keeps
/// every byte the client sends until the body ends or reaches the route's limit, also after the
/// 408, when no slot counts it any more — one such buffer (up to the upload limit) per client per
/// deadline, without bound (issue #8). Past the deadline, or past the route's limit, what was
/// collected is dropped and the rest of the body read and thrown away as it comes: memory stays
/// bounded and the connection stays usable. A chunk is never refused: a failed future puts
/// Vapor's request decoder in an error state it keeps for the rest of the connection — the next
/// request on it never got its body, and its dropped stream stopped a debug build (#8 review).
enum BodyDeadline {
    /// The upload limit the configured deadline is meant for: the default
    /// `GONGKAI_UPLOAD_MAX_BYTES` (10 MB in 60 s needs about 1.4 Mbit/s).
    static let referenceBytes = 10 * 1024 * 1024

    /// The deadline of a body of at most `limit` bytes: the configured seconds up to the default
    /// upload limit, and in proportion beyond it (rounded up), so a deployment that raises
    /// `GONGKAI_UPLOAD_MAX_BYTES` asks its users for no faster link than the default does.
    /// Forms and smaller uploads keep the configured deadline: it is generous for them already.
    static func seconds(forLimit limit: Int, configured: Int) -> Int {
        guard limit > referenceBytes else { return configured }
        // Settings bound both (≤ 3600 s, ≤ 1 GB): the product stays far inside Int.
        return (configured * limit + referenceBytes - 1) / referenceBytes
    }

    static func collect(_ request: Request, max: Int) async throws {
        guard request.body.data == nil else { return }
        // A declared length smaller than the limit sets the deadline: a 1 KB body trickled to a
        // route that takes 100 MB gets the configured deadline, not the 100 MB one (#8 review).
        // Only a body of no declared length is given the limit's time.
        let declared = request.headers.first(name: .contentLength).flatMap(Int.init) ?? max
        let seconds = Self.seconds(forLimit: min(declared, max), configured: request.application.settings.bodyDeadlineSeconds)
        let eventLoop = request.eventLoop
        let collected = try await eventLoop.flatSubmit { () -> EventLoopFuture<ByteBuffer?> in
            let collector = Collector(max: max, buffer: request.byteBufferAllocator.buffer(capacity: 0), eventLoop: eventLoop)
            let timer = eventLoop.scheduleTask(in: .seconds(Int64(seconds))) {
                collector.stop(AppError(status: .requestTimeout, code: "body_timeout",
                                        message: "提交的内容在 \(seconds) 秒内未传完，请检查网络后重试"))
            }
            collector.result.whenComplete { _ in timer.cancel() }
            request.body.drain { collector.take($0) }
            return collector.result
        }.get()
        // Vapor keeps a request's body where only its own collection, or an encoder given to
        // `content.encode`, may put it; the handlers read it from there (`body.data`, `content`).
        if let collected { try request.content.encode(true, using: CollectedBody(bytes: collected)) }
    }

    /// The bytes of one body, touched only on the request's event loop (the stream's chunks and
    /// the deadline's timer both run there).
    final class Collector: @unchecked Sendable {
        let max: Int
        let eventLoop: any EventLoop
        /// nil once the collection has given up: nothing more is kept.
        private var buffer: ByteBuffer?
        private var received = 0
        private let promise: EventLoopPromise<ByteBuffer?>
        var result: EventLoopFuture<ByteBuffer?> { promise.futureResult }
        /// What is held of the body now (0 once the collection has given up).
        var keptBytes: Int { buffer?.readableBytes ?? 0 }

        init(max: Int, buffer: ByteBuffer, eventLoop: any EventLoop) {
            self.max = max
            self.buffer = buffer
            self.eventLoop = eventLoop
            promise = eventLoop.makePromise(of: ByteBuffer?.self)
        }

        /// One event of the body's stream: kept while the collection goes on, thrown away after.
        func take(_ event: BodyStreamResult) -> EventLoopFuture<Void> {
            switch event {
            case .buffer(var chunk):
                guard buffer != nil else { return eventLoop.makeSucceededVoidFuture() }
                received += chunk.readableBytes
                // The route's limit itself is allowed, as BodyLimitMiddleware allows a declared length of it.
                guard received <= max else {
                    stop(Abort(.payloadTooLarge))
                    return eventLoop.makeSucceededVoidFuture()
                }
                buffer!.writeBuffer(&chunk)
            case .error(let error):
                stop(error)
            case .end:
                if let buffer {
                    self.buffer = nil
                    // A stream always brings bytes; a request with no body has none to store.
                    promise.succeed(received > 0 ? buffer : nil)
                }
            }
            return eventLoop.makeSucceededVoidFuture()
        }

        func stop(_ error: any Error) {
            guard buffer != nil else { return }
            buffer = nil
            promise.fail(error)
        }
    }

    /// Stores an already collected body as the request's (the encodable is ignored).
    private struct CollectedBody: ContentEncoder {
        let bytes: ByteBuffer

        func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
            body = bytes
        }
    }
}
