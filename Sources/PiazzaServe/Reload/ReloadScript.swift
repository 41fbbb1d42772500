import Foundation

/// The live-reload script of `piazza serve`: added to the HTML pages the preview serves (never to
/// the files `piazza build` writes), it listens to ``path`` with Server-Sent Events and reloads
/// the tab when a rebuild finishes.
public enum ReloadScript {
    /// The event stream: `GET /_piazza/reload?since=N` answers `text/event-stream` with one
    /// `event: reload` per rebuild after generation N.
    public static let path = "/_piazza/reload"

    /// The `<script>` element for a page served at `generation`. EventSource reconnects by itself
    /// when the preview restarts.
    public static func tag(generation: Int) -> String {
        """
        <script data-piazza-reload>new EventSource("\(path)?since=\(generation)")\
        .addEventListener("reload",function(){location.reload()})</script>
        """
    }

    /// `text` with ``tag(generation:)`` before its last `</body>`, else at its end.
    public static func inject(into text: String, generation: Int) -> String {
        let tag = tag(generation: generation)
        guard let body = text.range(of: "</body>", options: .backwards) else { return text + tag }
        return text.replacingCharacters(in: body.lowerBound..<body.lowerBound, with: tag)
    }
}
