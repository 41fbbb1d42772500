import PiazzaContent
import PiazzaRender

/// What `piazza check` finds in a portal that builds (an image without alternative text, a link to a
/// `#section` the page does not have, a featured measure whose bando is over, the build's warnings), as
/// the preview shows it at the foot of each page of that portal: a collapsed panel, in Italian, each
/// problem's place and message, the same rows as the overlay. The page stays readable and usable; the
/// panel goes once the audit after a rebuild finds nothing (findings-s13 #23).
///
/// Styled inline (and reset) so no theme's CSS changes it, and no theme's markup is needed.
enum CheckPanel {
    /// The panel for `problems` (none: the empty string).
    static func html(_ problems: [Diagnostic]) -> String {
        guard !problems.isEmpty else { return "" }
        let errors = problems.filter { $0.severity == .error }.count
        let count = problems.count == 1 ? "1 problema" : "\(problems.count) problemi"
        let items = problems.map { problem in
            let kind = problem.severity == .error ? "errore" : "avviso"
            return "<li style=\"margin:.25rem 0\"><code>\(Escape.html(problem.location.description))</code> "
                + "<strong>\(kind)</strong>: \(Escape.html(problem.message))</li>"
        }
        let colour = errors > 0 ? "#a4001d" : "#6b5200"
        return """
            <aside data-piazza-check style="all:initial;display:block;position:fixed;left:0;right:0;bottom:0;\
            z-index:2147483647;max-height:40vh;overflow:auto;background:#fff;color:#1a1a1a;\
            border-top:.3rem solid \(colour);font:1rem/1.4 system-ui,sans-serif;padding:.5rem 1rem">\
            <details><summary style="cursor:pointer"><strong>piazza check: \(count) in questo portale</strong> \
            (l'anteprima si compila, ma correggeteli prima di pubblicare)</summary>\
            <ol style="margin:.5rem 0;padding-left:1.5rem">\(items.joined())</ol></details></aside>
            """
    }
}
