/// Raw HTML of a portal that allows it (`allow_raw_html: true`), made safe to publish: what would run
/// script, embed or post to another site, or change the page's head is taken out, and each removal is
/// reported so the editor learns of it (never a silent drop).
///
/// Removed:
/// - elements that run script or whose content is not HTML, with their content: `script`, `style`,
///   `iframe`, `noscript`, `noembed`, `noframes`, `xmp`, `textarea`, `title`, `plaintext` (the last
///   seven are also what GitHub's tag filter neuters);
/// - tags that embed, post, or change the page's head or links, keeping their content: `object`,
///   `embed`, `applet`, `param`, `form`, `frame`, `frameset`, `portal`, `base`, `link`, `meta`, and
///   SVG's `animate`, `set`, `animateMotion`, `animateTransform`, `animateColor` (they can turn an
///   attribute into a `javascript:` link);
/// - the tags of `html`, `head`, `body` (their attributes would change the whole page), `main` (a page
///   has one, the theme's) and `dialog` (shown over the page), keeping their content; `fencedframe`;
/// - event-handler attributes (`on…`);
/// - attributes that change the page around the text or take over its forms, whatever their value:
///   `style` (see ``removedAttributes``), `form`, `formaction`, `formmethod`, `formenctype`,
///   `formtarget`, `formnovalidate`, `popover`, `popovertarget`, `popovertargetaction`, `autofocus`,
///   `ping`, `attributionsrc`;
/// - address attributes (`href`, `src`, `action`, `formaction`, `srcset`, `poster`, `background`,
///   `xlink:href`, `xml:base`…) whose value breaks ``LinkAddress``, read as a browser reads it
///   (``LinkAddress/checkAttribute(_:name:loads:)``), and those the browser loads a file from (`src`,
///   `srcset`, `poster`, SVG's `<image href>`…) when it is on another site (``loadedAttributes``);
/// - comments `<!-- … -->`, silently: they are editors' notes (a portal without raw HTML leaves them out too,
///   ``shownWithoutRawHTML(_:line:column:)``);
/// - a tag, comment or `<![CDATA[` left open at the end of the text is shown as text (`&lt;`), so the
///   browser cannot read the Markdown that follows as part of it; a `<` that starts no markup (`a < b`,
///   `<<`) is written `&lt;`, so a removal cannot join it to the text after the removed part into a
///   new tag.
///
/// And the structure is repaired, so that no raw HTML reaches out of the block that holds it (the
/// theme's page around the body stays as the theme wrote it): an element a block leaves open is closed
/// where that block ends (a `<div>` opened in the text at the text's end, a `<b>` opened in a paragraph
/// at the paragraph's end), an end tag that closes nothing opened before it in its block (`</main>`,
/// a `</div>` too many) is removed, and an element left open inside one being closed (`<div><b>x</div>`)
/// is closed with it. Elements whose end tag HTML lets out (`li`, `p`, `td`, `option`…) close as
/// browsers close them, without a message; for the others each repair is a warning at the start tag
/// left open or at the end tag removed.
///
/// Hand-written rather than taken from a library: the one maintained Swift sanitiser (SwiftSoup's
/// `Cleaner`) cleans a whole document into a new tree, while cmark-gfm hands raw HTML over in
/// fragments (an inline `<a href=…>` is one node, its `</a>` another), which a tree cleaner would close
/// or drop; and it does not say what it removed nor where. This reads each fragment with the HTML
/// Standard's tokenizer rules (tags, attributes and their quoting, comments, raw-text elements), keeps
/// everything it does not remove byte for byte, and reports a position for each removal.
public enum RawHTML {
    /// One change to raw HTML, at a 1-based line and byte column of the text: a removal (an error: the
    /// editor wrote something pages must not carry) or a repair of the structure (a warning).
    public struct Removal: Sendable, Hashable {
        public var line: Int
        public var column: Int
        /// What was removed or added and why, as a sentence for the editor.
        public var message: String
        public var severity: Diagnostic.Severity = .error
    }

    /// `html` as one block: everything the rule removes taken out, the elements it leaves open closed
    /// at its end, and the changes in text order.
    public static func sanitize(_ html: String) -> (html: String, removals: [Removal]) {
        guard html.utf8.contains(UInt8(ascii: "<")) else { return (html, []) }
        var body = Body()
        let (sanitized, removals) = body.sanitize(html, block: 0, line: 1, column: 1)
        let (closing, warnings) = body.close(block: 0, end: "where the HTML ends")
        return (sanitized + closing, (removals + warnings).sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    /// The raw HTML of one Markdown text, fragment by fragment as cmark-gfm hands it over (an inline
    /// `<a href=…>` is one fragment, its `</a>` another), with the elements each block has left open.
    /// A block is the Markdown node that holds fragments: the text itself, a list item, a quote for
    /// HTML blocks; a paragraph, heading, table cell, emphasis or link for inline HTML.
    public struct Body: Sendable {
        /// Elements opened and not closed yet, outermost first; those of a block are always above those
        /// of the blocks around it, since a block is closed (``close(block:end:)``) before the one around
        /// it goes on.
        var open: [OpenElement] = []
        /// Removed elements (``removedTags``, and ``removedWithContent`` whose end tag is in a later
        /// fragment) by name, with how many of their end tags may still come: those go silently, being
        /// part of a removal already reported.
        var removedStarts: [String: Int] = [:]
        /// The page's ids (``RawHTML/IDs``): those its raw HTML declares, and those kept so far.
        public var ids: IDs

        public init(ids: IDs = IDs()) { self.ids = ids }

        /// `fragment`, written at 1-based `line` and `column` of the text inside block `block` (any
        /// number that tells the blocks apart), with what the rule removes taken out and its end tags
        /// matched to what it opened; the changes are placed in the text.
        public mutating func sanitize(
            _ fragment: String, block: Int, line: Int, column: Int
        ) -> (html: String, removals: [Removal]) {
            var sanitizer = Sanitizer(Array(fragment.utf8), body: self, block: block, line: line, column: column)
            sanitizer.run()
            self = sanitizer.body
            return (String(decoding: sanitizer.output, as: UTF8.self), sanitizer.removals)
        }

        /// Whether block `block` has elements open.
        public func hasOpenElements(in block: Int) -> Bool { open.last?.block == block }

        /// The end tags of the elements block `block` left open, innermost first, to write where the block
        /// ends (`end` says where, for the warnings: "where its paragraph ends"), and a warning at each
        /// start tag whose end tag HTML requires.
        public mutating func close(block: Int, end: String) -> (html: String, removals: [Removal]) {
            var html = ""
            var warnings: [Removal] = []
            while let element = open.last, element.block == block {
                open.removeLast()
                html += "</\(element.name)>"
                if !optionalEndTags.contains(element.name) {
                    warnings.append(
                        Removal(
                            line: element.line, column: element.column,
                            message: "raw HTML <\(element.name)> is not closed; </\(element.name)> is added \(end)",
                            severity: .warning))
                }
            }
            return (html, warnings.reversed())
        }
    }

    /// An element opened by a start tag and not closed yet: its name lower case, the block it was opened
    /// in, the place of its start tag in the text.
    struct OpenElement: Sendable {
        var name: String
        var block: Int
        var line: Int
        var column: Int
    }

    /// Elements removed with their content. The browser reads what follows their start tag as text up to
    /// their end tag (raw text and RCDATA elements, and `noscript` where script runs).
    static let removedWithContent: [String: String] = [
        "script": "runs script, and pages carry no script of their own (they work without JavaScript)",
        "style": "restyles the whole page; the portal's look comes from its theme",
        "iframe": "embeds another page, and pages make no requests to other sites",
        "noscript": "only matters to pages with script, which pages do not carry",
        "noembed": "is an obsolete element", "noframes": "is an obsolete element", "xmp": "is an obsolete element",
        "plaintext": "is an obsolete element that would turn the rest of the page into text",
        "textarea": "is a form field, and forms come from forms/ID.yaml",
        "title": "belongs to the page's head, which the theme writes",
    ]

    /// Elements whose tags are removed, their content kept.
    static let removedTags: [String: String] = [
        "object": "embeds a plug-in or another document", "embed": "embeds a plug-in or another document",
        "applet": "embeds a plug-in", "param": "configures a plug-in",
        "form": "posts to an address the portal does not check; forms come from forms/ID.yaml",
        "frame": "embeds another page", "frameset": "embeds other pages", "portal": "embeds another page",
        "base": "changes where every link of the page leads", "link": "loads other files into the page",
        "meta": "can redirect the page or change its head",
        "animate": "can turn an attribute into a script address", "set": "can turn an attribute into a script address",
        "animatemotion": "can turn an attribute into a script address",
        "animatetransform": "can turn an attribute into a script address",
        "animatecolor": "can turn an attribute into a script address",
        "html": "belongs to the page's frame, which the theme writes, and its attributes would change the whole page",
        "head": "belongs to the page's frame, which the theme writes",
        "body": "belongs to the page's frame, which the theme writes, and its attributes would change the whole page",
        "main": "would be a second main landmark: a page has one, the theme's, around the text",
        "dialog": "is shown over the page, where it can cover the theme's links and forms",
        "fencedframe": "embeds another page",
    ]

    /// Attributes removed whatever their value.
    ///
    /// `style` goes entirely, rather than a subset of CSS kept: a declaration as plain as `position:
    /// fixed`, `top: 0` or a negative margin lays the text over the theme's header, links and forms (a fake
    /// form or link over the real one), `color`, `opacity`, `font-size: 0` or `clip-path` hide text from
    /// sighted readers only, and `url(…)` loads other sites; telling the harmless declarations from these
    /// needs CSS's own tokenizer (escapes `\\70 osition`, comments, `!important`, custom properties) for a
    /// gain the theme already gives: its classes (`class` is kept) and Markdown's tables, headings and
    /// emphasis. The rest would take over the page's forms (the theme's feedback form, by its `id`),
    /// show an element over the page, move the focus away from the page's start, or send requests on
    /// their own (`ping`, `attributionsrc`).
    static let removedAttributes: [String: String] = [
        "style":
            "restyles the element, which can hide text or lay it over the theme's links and forms; use the theme's classes (class=\"…\") instead",
        "form": "joins a form of the theme's; forms come from forms/ID.yaml",
        "formaction": "changes where a form posts; forms come from forms/ID.yaml",
        "formmethod": "changes how a form posts; forms come from forms/ID.yaml",
        "formenctype": "changes how a form posts; forms come from forms/ID.yaml",
        "formtarget": "changes where a form's answer opens; forms come from forms/ID.yaml",
        "formnovalidate": "turns off a form's checks; forms come from forms/ID.yaml",
        "popover": "shows the element over the page, where it can cover the theme's links and forms",
        "popovertarget": "shows an element over the page, where it can cover the theme's links and forms",
        "popovertargetaction": "shows an element over the page, where it can cover the theme's links and forms",
        "autofocus": "moves the focus away from the page's start, where keyboard and screen-reader users begin",
        "ping": "sends a request to other addresses at each click, and pages make no requests of their own",
        "attributionsrc": "sends requests to other addresses, and pages make no requests of their own",
    ]

    /// Elements that have no end tag.
    static let voidElements: Set<String> = [
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
        "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// Elements whose end tag HTML lets out: browsers close them where the next one starts or where the
    /// element around them ends, so closing them needs no message.
    static let optionalEndTags: Set<String> = [
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup",
        "caption", "rb", "rt", "rp", "rtc",
    ]

    /// Start tags that close an open element without its end tag, as HTML's tree builder does: the
    /// elements they close, and those that stop the search (a `<li>` closes the `<li>` of its own list,
    /// not the one around a nested `<ul>`).
    static let impliedEnds: [String: (closes: Set<String>, stops: Set<String>)] = {
        var ends: [String: (closes: Set<String>, stops: Set<String>)] = [
            "li": (["li"], ["ul", "ol", "menu"]),
            "dt": (["dt", "dd"], ["dl"]), "dd": (["dt", "dd"], ["dl"]),
            "tr": (["tr", "td", "th"], ["table", "tbody", "thead", "tfoot"]),
            "td": (["td", "th"], ["tr", "table"]), "th": (["td", "th"], ["tr", "table"]),
            "option": (["option"], ["select", "datalist", "optgroup"]),
            "optgroup": (["option", "optgroup"], ["select"]),
        ]
        for section in ["tbody", "thead", "tfoot"] {
            ends[section] = (["tr", "td", "th", "tbody", "thead", "tfoot", "caption", "colgroup"], ["table"])
        }
        // Block starts close an open paragraph (HTML's "close a p element"), up to the nearest element
        // that is not phrasing content.
        let blocks = [
            "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
            "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "menu", "nav", "ol", "p", "search",
            "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "table", "hr",
        ]
        for block in blocks where ends[block] == nil {
            ends[block] = (["p"], ["div", "section", "article", "aside", "li", "td", "th", "blockquote", "button"])
        }
        return ends
    }()

    /// Attributes whose value is an address (or a list of them): HTML's, SVG's and MathML's, the
    /// obsolete ones browsers still load, `xml:base` (the base of the links inside it, to older
    /// browsers), and any `…:href` (`xlink:href`).
    static let addressAttributes: Set<String> = [
        "href", "src", "action", "formaction", "srcset", "imagesrcset", "poster", "background", "cite",
        "longdesc", "usemap", "data", "codebase", "classid", "archive", "manifest", "ping", "lowsrc", "dynsrc",
        "icon", "profile", "xml:base",
    ]

    /// Address attributes the browser loads a file from as it shows the page (images, media, their
    /// posters and sources, an old `background`), and `xml:base`, which would move where the relative
    /// ones load from: each must name a file of the portal (``LinkAddress/checkAttribute(_:name:loads:)``).
    static let loadedAttributes: Set<String> = [
        "src", "srcset", "imagesrcset", "poster", "background", "lowsrc", "dynsrc", "data", "codebase", "archive",
        "manifest", "icon", "xml:base",
    ]

    /// SVG elements whose `href` (or `xlink:href`) is a file the browser loads, not a link to follow.
    static let loadingHref: Set<String> = ["image", "use", "feimage"]

    /// One pass over the bytes of a fragment.
    private struct Sanitizer {
        let bytes: [UInt8]
        var index = 0
        var output: [UInt8] = []
        var removals: [Removal] = []
        /// What the fragments before this one left open.
        var body: Body
        let block: Int
        /// Where the fragment starts in the text, 1-based.
        let line: Int
        let column: Int

        /// Line breaks counted before `position` by ``place(of:)``, and where the last line starts.
        private var counted: (position: Int, lines: Int, lineStart: Int?) = (0, 0, nil)

        init(_ bytes: [UInt8], body: Body, block: Int, line: Int, column: Int) {
            self.bytes = bytes
            self.body = body
            self.block = block
            self.line = line
            self.column = column
            output.reserveCapacity(bytes.count)
        }

        /// One attribute of a tag: where its text is, its name lower case, its value as written.
        struct Attribute {
            var start: Int
            var end: Int
            var name: String
            var value: String
            /// Where the value is written, without its quotes; `nil` for an attribute without one.
            var valueRange: Range<Int>? = nil
        }

        /// A tag read from `<` to `>`.
        struct Tag {
            var name: String
            var attributes: [Attribute]
            var nameRange: Range<Int>
            var isSelfClosing: Bool
            /// Just after its `>`.
            var end: Int
        }

        mutating func run() {
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "<") else {
                    let next = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                    output += bytes[index..<next]
                    index = next
                    continue
                }
                let next = byte(at: index + 1)
                if let next, isLetter(next) {
                    startOrEndTag(isEnd: false, nameStart: index + 1)
                } else if next == UInt8(ascii: "/"), let after = byte(at: index + 2), isLetter(after) {
                    startOrEndTag(isEnd: true, nameStart: index + 2)
                } else if next == UInt8(ascii: "/") && byte(at: index + 2) == UInt8(ascii: ">") {
                    copy(to: index + 3)  // `</>` is ignored by browsers
                } else if hasPrefix("<!--") {
                    comment()
                } else if hasPrefix("<![CDATA[") {
                    // In SVG and MathML it is text up to `]]>`, elsewhere a comment up to `>`: no one reading
                    // fits both, so it is shown as text.
                    showAsText("<![CDATA[ is read differently inside and outside SVG")
                } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                    // `<!DOCTYPE …>`, `<?…>`, `</ …>`: comments to browsers, up to the first `>`.
                    if let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
                        copy(to: close + 1)
                    } else {
                        showAsText("this markup is not closed with >")
                    }
                } else {
                    // A `<` that starts no markup is text to browsers; written `&lt;` it stays text when
                    // what follows it (`<</object>img onerror=…>`) is joined to it by a removal.
                    output += Array("&lt;".utf8)
                    index += 1
                }
            }
        }

        private func byte(at position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }

        private func hasPrefix(_ text: String) -> Bool {
            bytes[index...].starts(with: text.utf8)
        }

        private mutating func copy(to end: Int) {
            output += bytes[index..<end]
            index = end
        }

        /// The `<` at `index` as `&lt;`, reported; reading goes on after it as text.
        private mutating func showAsText(_ reason: String) {
            report(at: index, "raw HTML '\(excerpt(from: index))': \(reason); it is shown as text")
            output += Array("&lt;".utf8)
            index += 1
        }

        /// `<!-- … -->`: left out, without a message: a comment is an editor's note, never content, and the
        /// page source is published too. It ends at the first `-->` or `--!>`, or at once with `<!-->` or `<!--->`.
        private mutating func comment() {
            let body = index + 4
            for abrupt in [">", "->"] where bytes[body...].starts(with: abrupt.utf8) {
                index = body + abrupt.utf8.count
                return
            }
            var position = body
            while position < bytes.count {
                for end in ["-->", "--!>"] where bytes[position...].starts(with: end.utf8) {
                    index = position + end.utf8.count
                    return
                }
                position += 1
            }
            showAsText("this comment is not closed with -->")
        }

        private mutating func startOrEndTag(isEnd: Bool, nameStart: Int) {
            guard let tag = readTag(nameStart: nameStart) else {
                return showAsText("this tag is not closed with >")
            }
            if isEnd { return endTag(tag) }
            let tagStart = index
            if let reason = removedWithContent[tag.name] {
                report(at: tagStart, "raw HTML <\(tag.name)> \(reason); it is removed with its content")
                let end = tag.name == "plaintext" ? nil : endOfContent(of: tag)
                if end == nil, tag.name != "plaintext" { body.removedStarts[tag.name, default: 0] += 1 }
                index = end ?? bytes.count
                return
            }
            if let reason = removedTags[tag.name] {
                report(at: tagStart, "raw HTML <\(tag.name)> \(reason); the tag is removed")
                body.removedStarts[tag.name, default: 0] += 1
                index = tag.end
                return
            }
            closeImplied(by: tag)
            opened(tag, at: tagStart)
            // Each kept attribute with its new value, when the id rule (RawHTML+IDs.swift) gives one.
            var kept: [(attribute: Attribute, value: String?)] = []
            for attribute in tag.attributes {
                if let reason = refusal(of: attribute, in: tag.name) {
                    report(
                        at: attribute.start, "raw HTML <\(tag.name)>: `\(attribute.name)` \(reason); it is removed")
                    continue
                }
                switch idChange(name: attribute.name, value: attribute.value, element: tag.name, ids: &body.ids) {
                case .kept: kept.append((attribute, nil))
                case .rewritten(let value): kept.append((attribute, value))
                case .refused(let reason):
                    report(at: attribute.start, "raw HTML <\(tag.name)>: \(reason); it is removed")
                }
            }
            guard kept.count < tag.attributes.count || kept.contains(where: { $0.value != nil }) else {
                return copy(to: tag.end)
            }
            output += [UInt8(ascii: "<")] + bytes[tag.nameRange]
            for (attribute, value) in kept {
                output.append(UInt8(ascii: " "))
                if let value, let range = attribute.valueRange {
                    output +=
                        bytes[attribute.start..<range.lowerBound] + Array(value.utf8)
                        + bytes[range.upperBound..<attribute.end]
                } else {
                    output += bytes[attribute.start..<attribute.end]
                }
            }
            output += Array((tag.isSelfClosing ? " />" : ">").utf8)
            index = tag.end
        }

        /// An end tag: kept when it closes an element this block opened (closing those left open inside
        /// it first), otherwise removed; an end tag of a removed element goes silently when its start tag
        /// was reported.
        private mutating func endTag(_ tag: Tag) {
            let tagStart = index
            index = tag.end
            if removedWithContent[tag.name] != nil || removedTags[tag.name] != nil,
                let count = body.removedStarts[tag.name], count > 0
            {
                body.removedStarts[tag.name] = count - 1
                return
            }
            guard let opener = openElement(named: tag.name) else {
                return report(
                    at: tagStart,
                    "raw HTML </\(tag.name)> closes nothing: no <\(tag.name)> is open before it in its block (raw HTML closes only what it opened, never the page's own elements); it is removed",
                    severity: .warning)
            }
            closeElements(above: opener, before: "</\(tag.name)>")
            body.open.removeLast()
            output += bytes[tagStart..<tag.end]
        }

        /// The position in the open elements of the innermost `name` opened in this block.
        private func openElement(named name: String) -> Int? {
            var position = body.open.count - 1
            while position >= 0, body.open[position].block == block {
                if body.open[position].name == name { return position }
                position -= 1
            }
            return nil
        }

        /// Closes the elements opened after the one at `position`: those whose end tag HTML lets out as
        /// browsers do, without one; the others with their end tag written and a warning at their start
        /// tag (a `<b>` left open would go on in bold after its block: browsers carry formatting on).
        private mutating func closeElements(above position: Int, before next: String) {
            while body.open.count > position + 1 {
                let element = body.open.removeLast()
                guard !optionalEndTags.contains(element.name) else { continue }
                output += Array("</\(element.name)>".utf8)
                removals.append(
                    Removal(
                        line: element.line, column: element.column,
                        message:
                            "raw HTML <\(element.name)> is not closed before \(next); </\(element.name)> is added there",
                        severity: .warning))
            }
        }

        /// What a start tag closes without an end tag (``impliedEnds``): an open `<li>` before a `<li>`.
        private mutating func closeImplied(by tag: Tag) {
            guard let ends = impliedEnds[tag.name] else { return }
            var position = body.open.count - 1
            while position >= 0, body.open[position].block == block, !ends.stops.contains(body.open[position].name) {
                if ends.closes.contains(body.open[position].name) {
                    closeElements(above: position, before: "<\(tag.name)>")
                    body.open.removeLast()
                    return
                }
                position -= 1
            }
        }

        /// Records an element `tag` opens: not a void element, nor a self-closing one of SVG or MathML.
        private mutating func opened(_ tag: Tag, at position: Int) {
            guard !voidElements.contains(tag.name) else { return }
            let foreign =
                ["svg", "math"].contains(tag.name) || body.open.contains { $0.name == "svg" || $0.name == "math" }
            guard !(tag.isSelfClosing && foreign) else { return }
            let place = place(of: position)
            body.open.append(OpenElement(name: tag.name, block: block, line: place.line, column: place.column))
        }

        /// Why an attribute of an element `element` is removed, or `nil` to keep it.
        private func refusal(of attribute: Attribute, in element: String) -> String? {
            if attribute.name.hasPrefix("on") && attribute.name != "open" {
                return "is an event handler, which runs script; pages carry no script of their own"
            }
            if let reason = removedAttributes[attribute.name] { return reason }
            let local = attribute.name.split(separator: ":").last.map(String.init) ?? attribute.name
            guard addressAttributes.contains(attribute.name) || local == "href" else { return nil }
            do {
                let loads =
                    loadedAttributes.contains(attribute.name) || (local == "href" && loadingHref.contains(element))
                try LinkAddress.checkAttribute(attribute.value, name: attribute.name, loads: loads)
                return nil
            } catch {
                return "'\(attribute.value.showingInvisibles)' \(error.reason)"
            }
        }

        /// Just after the end tag of a raw-text element opened by `tag` (`</script …>`), or `nil` when the
        /// fragment has none (it runs to the fragment's end).
        private func endOfContent(of tag: Tag) -> Int? {
            var position = tag.end
            let closing = Array("</\(tag.name)".utf8)
            while let less = bytes[position...].firstIndex(of: UInt8(ascii: "<")) {
                let candidate = bytes[less...]
                if candidate.count > closing.count,
                    zip(candidate, closing).allSatisfy({ lowered($0) == $1 }),
                    isSpace(candidate[less + closing.count]) || candidate[less + closing.count] == UInt8(ascii: "/")
                        || candidate[less + closing.count] == UInt8(ascii: ">")
                {
                    return readTag(nameStart: less + 2)?.end
                }
                position = less + 1
            }
            return nil
        }

        /// Reads a tag whose name starts at `nameStart`, by the HTML Standard's tokenizer states (tag
        /// name, before/after attribute name, attribute value double-quoted, single-quoted and unquoted,
        /// self-closing start tag); `nil` when the text ends before its `>`.
        private func readTag(nameStart: Int) -> Tag? {
            var position = nameStart
            while position < bytes.count, !isSpace(bytes[position]),
                bytes[position] != UInt8(ascii: "/"), bytes[position] != UInt8(ascii: ">")
            {
                position += 1
            }
            var tag = Tag(
                name: lowercase(nameStart..<position), attributes: [],
                nameRange: nameStart..<position, isSelfClosing: false, end: 0)
            while position < bytes.count {
                let byte = bytes[position]
                if isSpace(byte) {
                    position += 1
                } else if byte == UInt8(ascii: ">") {
                    tag.end = position + 1
                    return tag
                } else if byte == UInt8(ascii: "/") {
                    position += 1
                    if self.byte(at: position) == UInt8(ascii: ">") {
                        tag.isSelfClosing = true
                        tag.end = position + 1
                        return tag
                    }
                } else {
                    guard let attribute = readAttribute(at: position) else { return nil }
                    tag.attributes.append(attribute)
                    position = attribute.end
                }
            }
            return nil
        }

        /// An attribute starting at `start` (its name's first character, which may be `=`).
        private func readAttribute(at start: Int) -> Attribute? {
            var position = start + 1
            func stops(_ byte: UInt8) -> Bool {
                isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
            }
            while position < bytes.count, !stops(bytes[position]) { position += 1 }
            let name = lowercase(start..<position)
            var afterName = position
            while afterName < bytes.count, isSpace(bytes[afterName]) { afterName += 1 }
            guard afterName < bytes.count else { return nil }
            guard bytes[afterName] == UInt8(ascii: "=") else {
                return Attribute(start: start, end: position, name: name, value: "")
            }
            var valueStart = afterName + 1
            while valueStart < bytes.count, isSpace(bytes[valueStart]) { valueStart += 1 }
            guard valueStart < bytes.count else { return nil }
            let quote = bytes[valueStart]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let close = bytes[(valueStart + 1)...].firstIndex(of: quote) else { return nil }
                let value = String(decoding: bytes[(valueStart + 1)..<close], as: UTF8.self)
                return Attribute(
                    start: start, end: close + 1, name: name, value: value, valueRange: (valueStart + 1)..<close)
            }
            if quote == UInt8(ascii: ">") { return Attribute(start: start, end: valueStart, name: name, value: "") }
            var valueEnd = valueStart
            while valueEnd < bytes.count, !isSpace(bytes[valueEnd]), bytes[valueEnd] != UInt8(ascii: ">") {
                valueEnd += 1
            }
            let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            return Attribute(start: start, end: valueEnd, name: name, value: value, valueRange: valueStart..<valueEnd)
        }

        private mutating func report(at position: Int, _ message: String, severity: Diagnostic.Severity = .error) {
            let place = place(of: position)
            removals.append(Removal(line: place.line, column: place.column, message: message, severity: severity))
        }

        /// The 1-based line and byte column in the text of the byte at `position` of the fragment.
        ///
        /// Every kept start tag is placed (``opened(_:at:)``), and places are asked in text order, so the
        /// line breaks are counted once, from the last place asked (``counted``): counting from the
        /// fragment's start each time made a big HTML table quadratic.
        private mutating func place(of position: Int) -> (line: Int, column: Int) {
            if position < counted.position { counted = (0, 0, nil) }
            for offset in counted.position..<position where bytes[offset] == UInt8(ascii: "\n") {
                counted.lines += 1
                counted.lineStart = offset + 1
            }
            counted.position = position
            guard let lineStart = counted.lineStart else { return (line, column + position) }
            return (line + counted.lines, position - lineStart + 1)
        }

        /// Up to 40 characters from `position` to the line's end, to quote what is shown as text.
        private func excerpt(from position: Int) -> String {
            let line = bytes[position...].prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
            let text = String(decoding: line, as: UTF8.self)
            return text.count > 40 ? text.prefix(40) + "…" : text
        }

        private func lowercase(_ range: Range<Int>) -> String {
            String(decoding: bytes[range].map(lowered), as: UTF8.self)
        }
    }
}

/// ASCII letters are lowered, as HTML does with tag and attribute names; other bytes stay.
private func lowered(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
}

private func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowered(byte)) }

/// Tab, line feed, form feed, carriage return (a line feed to browsers) and space.
private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
}
