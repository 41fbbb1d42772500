extension QRCode {
    /// Modules of light margin around the symbol, as ISO/IEC 18004:2015 §6.3.8 requires.
    public static let quietZone = 4

    /// The symbol as an inline SVG element for an HTML page: black modules on a white square with the
    /// 4-module quiet zone, one module per user unit of the `viewBox`, so CSS sets the size (no `width` or
    /// `height`); `shape-rendering="crispEdges"` keeps module edges sharp at any scale.
    ///
    /// The dark modules are one `<path>` of horizontal runs (`M x y h n v 1 h -n z` each). `role="img"` with
    /// the `<title>` first child and `aria-labelledby` gives the image its accessible name (SVG-AAM 1.0 §8.1,
    /// WCAG 2.1 1.1.1), escaped as HTML text.
    ///
    /// - Parameters:
    ///   - title: the accessible name, e.g. "Codice QR del buono K7MP-Q4XZ-9TRC-A".
    ///   - id: the `id` of the `<title>` element, unique in the page.
    public func svg(title: String, id: String = "qr-title") -> String {
        let side = size + 2 * Self.quietZone
        var path = ""
        for (row, line) in modules.enumerated() {
            var column = 0
            while column < size {
                guard line[column] else {
                    column += 1
                    continue
                }
                let start = column
                while column < size, line[column] { column += 1 }
                let length = column - start
                path += "M\(start + Self.quietZone) \(row + Self.quietZone)h\(length)v1h-\(length)z"
            }
        }
        let titleID = Escape.html(id)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 \(side) \(side)" \
            role="img" aria-labelledby="\(titleID)" shape-rendering="crispEdges">\
            <title id="\(titleID)">\(Escape.html(title))</title>\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
