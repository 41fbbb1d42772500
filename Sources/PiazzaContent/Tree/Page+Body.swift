import Foundation

extension Page {
    /// The page's body, read again from its file under `contentRoot` (the content root its ``source`` is
    /// relative to) when it is the body the load read: the page model keeps where the body is and a hash of
    /// its bytes (``bodyLocation``), not the text, so that a build's memory does not grow with every page's
    /// text. Rendering and `piazza check` read it here.
    ///
    /// - Returns: the body as ``load(id:source:text:sink:)`` split it, byte for byte.
    /// - Throws: a ``Diagnostic`` on the whole file (line 0) when it cannot be read, is no longer UTF-8, or its
    ///   bytes from the body's start are not the ones loaded (saved again meanwhile): what renders the page
    ///   would mix its front matter with another text, so the run reports it instead of publishing it.
    public func body(in contentRoot: URL) throws(Diagnostic) -> Substring {
        let again = "; run the command again"
        guard let data = SourceText.contents(atPath: contentRoot.path + "/" + source) else {
            throw Diagnostic(
                file: source, line: 0, column: 0,
                message: Self.goneWhileUsed + again)
        }
        let text = try SourceText.decode(data, file: source)
        guard bodyLocation.matches(text) else {
            throw Diagnostic(
                file: source, line: 0, column: 0,
                message: Self.changedWhileUsed + again)
        }
        let utf8 = text.utf8
        return FrontMatter.body(of: text[utf8.index(utf8.startIndex, offsetBy: bodyLocation.bytes.lowerBound)...])
    }
}
