import PiazzaContent
import PiazzaRender

/// Why a rebuild of the preview failed, as the editor sees it in the terminal and in the browser's
/// overlay page: the content diagnostics (`file:line:col`, what is wrong and how to fix it), or the
/// message of an error that is not about one content file (the output folder, the cache lock).
public struct PreviewFailure: Sendable, Equatable {
    /// The problems found, errors and warnings, sorted by file and position.
    public var diagnostics: [Diagnostic]
    /// The error's own text when it carries no diagnostics; `nil` otherwise.
    public var message: String?
    /// The portals whose pages show the overlay, sorted, the others being built and served as usual
    /// (``SiteBuilder/sparing(_:searchIndex:)``); `nil` when every page of the preview shows it.
    public var portals: [String]?
    /// With ``portals``, the other portals of the build, served up to date.
    public var spared: [String] = []

    /// Takes the diagnostics of a `ContentError`, the located message of another piazza error
    /// (a theme template names its file and line), else the error's description.
    public init(_ error: any Error) {
        if let content = error as? ContentError {
            diagnostics = content.diagnostics
            message = nil
        } else if let error = error as? any PiazzaError, let place = error.location {
            diagnostics = [
                Diagnostic(.error, file: place.file, line: place.line, column: place.column, message: error.message)
            ]
            message = nil
        } else {
            diagnostics = []
            message = "\(error)"
        }
        portals = nil
    }

    /// Whether the page at `path` shows the overlay: every page, or with ``portals`` those of the broken
    /// portals and the network home (`/`, `/index.html`), which lists them.
    public func covers(_ path: String) -> Bool {
        guard let portals else { return true }
        let parts = path.split(separator: "/")
        guard let first = parts.first, parts.count > 1 || first != "index.html" else { return true }
        return portals.contains(String(first))
    }

    /// Whether every error is a page file saved or removed again while the build read it
    /// (``Diagnostic/isFileChangedDuringRun``): no fault of the content, which the watcher's next burst
    /// rebuilds.
    public var isFileChangedDuringRun: Bool {
        let errors = diagnostics.filter { $0.severity == .error }
        return message == nil && !errors.isEmpty && errors.allSatisfy(\.isFileChangedDuringRun)
    }

    /// One line per problem in the compiler format, as `piazza build` prints them.
    public var terminalText: String {
        message ?? diagnostics.map(\.description).joined(separator: "\n")
    }

    /// The overlay page served instead of every page while the content does not build: an Italian
    /// title, each problem's place and message escaped, and the reload script, so fixing the file
    /// brings the page back. Plain HTML and CSS, readable without JavaScript.
    ///
    /// - Parameter reload: the `<script>` of ``ReloadScript/tag(generation:)``.
    public func overlayPage(reload: String) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        var heading = message != nil || errors == 0 ? "Il sito non si è ricompilato" : "Errori nei contenuti: \(errors)"
        var scope = "L'anteprima mostra questa pagina"
        if let portals {
            let names = portals.joined(separator: ", ")
            heading = "Errori nei contenuti di \(names): \(errors)"
            scope = "Le pagine di \(names) mostrano questa pagina"
        }
        let others =
            spared.isEmpty
            ? ""
            : "\n<p>Gli altri portali sono aggiornati: "
                + spared.map { "<a href=\"/\(Escape.html($0))/\">\(Escape.html($0))</a>" }.joined(separator: ", ")
                + ".</p>"
        let items = diagnostics.map { diagnostic in
            let place = Escape.html(diagnostic.location.description)
            let kind = diagnostic.severity == .error ? "errore" : "avviso"
            return """
                <li class="\(diagnostic.severity.rawValue)"><p><code>\(place)</code> <strong>\(kind)</strong></p>\
                <p>\(Escape.html(diagnostic.message))</p></li>
                """
        }
        let body =
            message.map { "<p><code>\(Escape.html($0))</code></p>" }
            ?? "<ol>\n\(items.joined(separator: "\n"))\n</ol>"
        return """
            <!doctype html>
            <html lang="it">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(heading) — anteprima piazza</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:0;background:#fff;color:#1a1a1a}
            main{max-width:60rem;margin:0 auto;padding:1.5rem}
            h1{color:#a4001d;font-size:1.5rem}
            li{margin-bottom:1rem;border-left:.3rem solid #a4001d;padding-left:.75rem}
            li.warning{border-color:#6b5200}
            code{font-size:1rem;word-break:break-all}
            </style>
            </head>
            <body>
            <main>
            <h1>\(heading)</h1>
            <p>\(scope) finché i file indicati non sono corretti; il sito pubblicato \
            non cambia. Salvate la correzione: la pagina si ricarica da sola (senza JavaScript, ricaricatela voi).</p>\(others)
            \(body)
            </main>
            \(reload)
            </body>
            </html>

            """
    }
}
