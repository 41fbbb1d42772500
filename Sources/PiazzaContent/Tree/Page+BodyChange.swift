extension Page {
    /// What ``body(in:)`` reports when the page's file was saved again after its front matter was read.
    static let changedWhileUsed = "the file changed while piazza used it (after its front matter was read)"
    /// What ``body(in:)`` reports when the page's file was removed or made unreadable after it was loaded.
    static let goneWhileUsed = "cannot read the file again (it was removed or made unreadable while piazza used it)"
}

extension Diagnostic {
    /// Whether this is ``Page/body(in:)``'s report of a file saved or removed while the run used it: no fault
    /// of the content, the next run reads the file as it is now. `piazza serve` rebuilds again instead of
    /// showing it (a rename-saving editor's save lands in a rebuild about once in fifteen saves).
    public var isFileChangedDuringRun: Bool {
        line == 0 && (message.hasPrefix(Page.changedWhileUsed) || message.hasPrefix(Page.goneWhileUsed))
    }
}
