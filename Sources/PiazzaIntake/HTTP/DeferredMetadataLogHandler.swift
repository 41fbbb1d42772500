import Logging

/// A log handler that keeps its metadata as given and hands it to `inner` with each message, merged under the
/// message's own, instead of leaving it on `inner`.
///
/// Why: Hummingbird gives every request a copy of the application's logger with an `hb.request.id`, and swift-log's
/// `StreamLogHandler` formats its whole metadata into text each time it is set, for every request, logged or not
/// (≈ 1–2 % of the daemon's CPU under `bench/intake.sh`). Here setting it stores a value; a message that is logged
/// is formatted once by `inner`, into the same line: `StreamLogHandler` writes its own metadata merged with the
/// message's, sorted by key, and the message's wins a key both have, as here.
struct DeferredMetadataLogHandler: LogHandler {
    private var inner: any LogHandler
    var metadata: Logger.Metadata

    /// Wraps `inner`, taking its metadata over.
    init(_ inner: any LogHandler) {
        self.inner = inner
        metadata = inner.metadata
        self.inner.metadata = [:]
    }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        inner.log(event: event)
    }
}

extension Logger {
    /// This logger with its metadata formatted only for the messages logged (``DeferredMetadataLogHandler``).
    func deferringMetadata() -> Logger {
        var logger = self
        logger.handler = DeferredMetadataLogHandler(handler)
        return logger
    }
}
