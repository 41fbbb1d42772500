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

    /// `text` with `extra` (``CheckPanel``) and ``tag(generation:)`` before its last `</body>`, else at its end.
    ///
    /// Searched in the UTF-8 bytes: Foundation's `range(of:options:)` bridges the page to `NSString`,
    /// which cost more than serving it, on every request of a tab or of a script polling a page.
    public static func inject(into text: String, generation: Int, extra: String = "") -> String {
        let tag = extra + tag(generation: generation)
        let bytes = Array(text.utf8)
        let marker = Array("</body>".utf8)
        guard
            let start = stride(from: bytes.count - marker.count, through: 0, by: -1).first(where: {
                bytes[$0..<($0 + marker.count)].elementsEqual(marker)
            })
        else { return text + tag }
        return String(decoding: bytes[..<start], as: UTF8.self) + tag + String(decoding: bytes[start...], as: UTF8.self)
    }
}
