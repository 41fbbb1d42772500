/// A mutable collector that several readers of one file share while it is being loaded.
///
/// Used inside a single loading task only; the finished ``DiagnosticList`` is what crosses tasks.
package final class DiagnosticSink {
    package private(set) var list = DiagnosticList()

    package init() {}

    package func error(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        list.error(file, line, column, message)
    }

    package func append(_ diagnostic: Diagnostic) { list.append(diagnostic) }
}
