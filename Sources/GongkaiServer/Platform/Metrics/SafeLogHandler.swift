import Logging

/// A text log handler that writes every message and metadata value on one line: line breaks in
/// user input (a user name, a search term) appear as `\n` and cannot forge a second entry.
struct SafeLogHandler: LogHandler {
    var wrapped: any LogHandler

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = "\(SafeText.logLine(event.message.description))"
        event.metadata = event.metadata?.mapValues { .string(SafeText.logLine("\($0)")) }
        wrapped.log(event: event)
    }
}
