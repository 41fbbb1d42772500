/// Files editors and tools write beside the real ones, which are no content: the one rule the content
/// loader (``SourceFile``'s listing), `piazza check`, `piazza build` and the watcher of `piazza serve`
/// share, so the preview and the build never disagree on what a folder holds.
///
/// A name is scratch when it is hidden (`.DS_Store`, vim's `.page.md.swp`, Emacs's `.#page.md` lock), a
/// backup (`page.md~`, written by Emacs, Kate, gedit, vim with `backup`), an Emacs autosave (`#page.md#`),
/// a vim swap or probe file (`page.md.swp`, `.swx`, `4913`, the file vim writes to test a folder), a
/// JetBrains safe-save temporary (`page.md___jb_tmp___`, `page.md___jb_old___`), or GNU `sed -i`'s
/// temporary (`sed` and six letters or digits). Scratch files are never read, never published and never
/// reported; a folder with such a name is skipped with everything below it.
public enum EditorScratch {
    /// Whether the file or folder name `name` (its last path component) is an editor's or tool's scratch
    /// file.
    public static func isScratch(_ name: Substring) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name == "4913" || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#"))
            || name.hasSuffix("___jb_tmp___") || name.hasSuffix("___jb_old___") || isSedTemporary(name)
    }

    /// GNU sed's `-i` temporary: `sed` and six letters or digits (`mkostemp`'s `XXXXXX`).
    private static func isSedTemporary(_ name: Substring) -> Bool {
        name.count == 9 && name.hasPrefix("sed")
            && name.dropFirst(3).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
