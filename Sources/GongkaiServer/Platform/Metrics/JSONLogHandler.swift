import Foundation
import Logging
import NIOConcurrencyHelpers

/// One JSON object per log line (`GONGKAI_LOG_FORMAT=json`), for log collectors:
/// `{"ts":"…","level":"info","label":"…","msg":"…","request-id":"…",…}`.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    private static let lock = NIOLock()

    init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    // Made once: a formatter and an encoder per line cost more than writing the line.
    nonisolated(unsafe) private static let timestamps: ISO8601DateFormatter = {  // used under `lock`
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    func log(event: LogEvent) {
        var object: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { object[key] = "\(value)" }
        object["level"] = event.level.rawValue
        object["label"] = label
        object["msg"] = "\(event.message)"
        object["source"] = event.source
        // JSON escapes newlines in values, so user input cannot forge a second line.
        Self.lock.withLock {
            object["ts"] = Self.timestamps.string(from: Date())
            guard var line = try? Self.encoder.encode(object) else { return }
            line.append(0x0A)
            FileHandle.standardError.write(line)
        }
    }
}
