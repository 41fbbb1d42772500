import Foundation

extension Page {
    /// Parses a page file; every problem goes to `sink` and the page is `nil` when it cannot be used.
    ///
    /// - Parameter shared: the pool of the load, for the values many pages repeat (``SharedValues``).
    static func load(
        id: String, source: String, text: String, sink: DiagnosticSink, shared: SharedValues = SharedValues()
    ) -> Page? {
        let split: FrontMatter
        do {
            split = try FrontMatter(splitting: text)
        } catch {
            sink.error(source, 1, 1, error.message)
            return nil
        }
        let yaml = YAMLSource(file: source, lineOffset: 1)
        let empty =
            "the front matter is empty; write `title: ...` (and the keys of the page type) between the two `---` lines"
        guard let node = yaml.parse(split.yaml, into: sink, ifEmpty: empty) else { return nil }
        let isSectionIndex = id == "_index.md" || id.hasSuffix("/_index.md")
        let section = id.contains("/") ? String(id[..<id.firstIndex(of: "/")!]) : ""
        guard
            let reader = YAMLReader(node, file: source, lineOffset: 1, context: "front matter", sink: sink)
        else { return nil }

        var type = isSectionIndex ? PageType.page : PageType.implied(bySection: section)
        if let declared: PageType = reader.choice("type") { type = declared }
        let context = "\(type.rawValue) front matter"
        let typed = reader.reader(for: node, context: context)!
        _ = typed.node("type")

        let title = typed.string("title", required: true, hint: "the page title")
        let needsDescription = type == .service || type == .measure
        let description = typed.string("description", required: needsDescription, hint: "one or two sentences")
        let draft = typed.bool("draft") ?? false
        let weight = typed.int("weight") ?? 0

        let details: Details?
        switch type {
        case .service:
            details = ServiceInfo.read(typed, body: split.body, bodyLine: split.bodyLine, shared: shared).map {
                .service($0)
            }
        case .measure:
            details = MeasureInfo.read(typed, shared: shared).map { .measure($0) }
        case .news:
            details = NewsInfo.read(typed, shared: shared).map { .news($0) }
        case .page:
            details = .page
        }
        typed.finish()
        guard let title, let details else { return nil }
        return Page(
            id: id, source: source, type: type, isSectionIndex: isSectionIndex, title: title,
            description: description, draft: draft, weight: weight, details: details,
            bodyLocation: BodyLocation(start: split.bodyStart, in: text), bodyLine: split.bodyLine)
    }
}

extension ServiceInfo {
    static func read(_ reader: YAMLReader, body: Substring, bodyLine: Int, shared: SharedValues) -> ServiceInfo? {
        let category = reader.string("category", required: true, hint: "Salute, benessere e assistenza").map(
            shared.text)
        if let category, !categories.contains(category), let node = reader.node("category") {
            reader.error(
                at: node,
                "`category` '\(category)' is not a service category; use one of: \(categories.joined(separator: "; "))")
        }
        let topics = reader.topics(required: true).map(shared.list)
        let status: Status? = reader.choice("status", required: true)
        let statusReason = reader.string("status_reason").map(shared.text)
        if status == .inattivo && statusReason == nil, let node = reader.keyNode("status") {
            reader.error(at: node, "an `inattivo` service needs `status_reason: ...` explaining why and until when")
        }
        let price: Price? = reader.choice("price", required: true)
        let cost = reader.string("cost").map(shared.text)
        let audience = readAudience(reader).map(shared.list)
        let welfare: Welfare? = reader.choice("welfare", required: true)
        let provider: Provider? = reader.choice("provider", required: true)
        let providerName = reader.string("provider_name").map(shared.text)
        let office = reader.string("office").map(shared.text)
        let maxDays = reader.int("max_response_days", required: true, range: 1...3650)
        let access = readAccess(reader, shared: shared)
        let conditions = reader.string("conditions").map(shared.text)
        let conditionsLocation = reader.location(ofKey: "conditions")
        if conditions == nil {
            // The model's scheda links the conditions document (`service-file`, AgID C.SI.1.3): the page
            // works without it, but the checker counts the gap, so the editor hears of it where keys go.
            reader.sink.append(
                Diagnostic(
                    .warning, file: reader.file, line: reader.line, column: reader.column,
                    message:
                        "the service has no `conditions`, so its \"\(ServiceSection.Kind.conditions.title)\" section links "
                        + "no document and AgID's checker misses `service-file` (C.SI.1.3); put the conditions PDF under "
                        + "static/ and add `conditions: static/NAME.pdf`"))
        }
        let updated = reader.date("updated")
        let sections = readSections(reader, body: body, bodyLine: bodyLine)

        guard let category, let topics, let status, let price, let audience, let welfare, let provider,
            let maxDays, let access
        else { return nil }
        return ServiceInfo(
            category: category, topics: topics, status: status, statusReason: statusReason, price: price, cost: cost,
            audience: audience, welfare: welfare, provider: provider, providerName: providerName, office: office,
            maxResponseDays: maxDays, access: access, conditionsFile: conditions,
            conditionsLocation: conditionsLocation, updated: updated, sections: sections)
    }

    private static func readAudience(_ reader: YAMLReader) -> [Audience]? {
        guard let words = reader.strings("audience", required: true) else { return nil }
        var audience: [Audience] = []
        for word in words {
            guard let value = Audience(rawValue: word) else {
                let allowed = Audience.allCases.map(\.rawValue).joined(separator: ", ")
                reader.error(at: reader.node("audience")!, "audience '\(word)' is unknown; use: \(allowed)")
                return nil
            }
            audience.append(value)
        }
        return audience
    }

    private static func readAccess(_ reader: YAMLReader, shared: SharedValues) -> Access? {
        guard let nested = reader.mapping("access", required: true, context: "`access` of the service") else {
            return nil
        }
        let reported = nested.sink.list.items.count
        let access = Access(
            online: nested.linkAddress("online"), form: nested.string("form").map(shared.text),
            formLocation: nested.location(ofKey: "form"), booking: nested.string("booking"),
            bookingLocation: nested.location(ofKey: "booking"), place: nested.string("place").map(shared.text))
        nested.finish()
        if access.online == nil && access.form == nil && access.booking == nil && access.place == nil {
            // A channel refused above has its own error; "needs at least one" would be noise.
            if nested.sink.list.items.count == reported {
                nested.error("`access` needs at least one of online, form, booking, place")
            }
            return nil
        }
        return access
    }

    /// Cuts the body into scheda sections at its top-level headings as CommonMark reads them (see
    /// ``Markdown/topLevelHeadings(in:)``): `##` indented up to three spaces, with closing `#`s or
    /// emphasis, or a setext heading underlined with `---`, opens a section; a heading inside a code
    /// block, block quote or list is part of the section around it. A `#` heading is an error: the
    /// page title comes from `title:`, and it would otherwise pass as a sub-heading.
    private static func readSections(_ reader: YAMLReader, body: Substring, bodyLine: Int) -> [ServiceSection] {
        let file = reader.file
        let lines = body.lines()
        let headings = Markdown.topLevelHeadings(in: String(body), lines: lines).filter { $0.level <= 2 }
        let firstHeadingIndex = (headings.first?.line ?? lines.count + 1) - 1
        if let preamble = lines[..<firstHeadingIndex].firstIndex(where: { $0.contains { $0 != " " && $0 != "\t" } }) {
            reader.sink.error(
                file, bodyLine + preamble, 1,
                "text before the first `##` section; move it under a section, or into `description`")
        }
        var sections: [ServiceSection] = []
        var headingLines: [ServiceSection.Kind: Int] = [:]
        for (index, heading) in headings.enumerated() {
            let line = bodyLine + heading.line - 1
            guard heading.level == 2 else {
                reader.sink.error(
                    file, line, heading.column,
                    "'# \(heading.text)' is a level-1 heading; write scheda sections as `## ` headings (the page title comes from `title:`)"
                )
                continue
            }
            guard let kind = ServiceSection.Kind(heading: heading.text) else {
                // The text under it is reported with the heading; invisible characters are named, or
                // the quoted heading could look exactly like a right one.
                let allowed = ServiceSection.Kind.allCases.filter(\.isWritten).map(\.title).joined(separator: ", ")
                reader.sink.error(
                    file, line, heading.column,
                    "unknown section '## \(heading.text.showingInvisibles)'; scheda sections are: \(allowed)")
                continue
            }
            // A page has each section once: the second is reported and left out.
            if let first = headingLines[kind] {
                reader.sink.error(
                    file, line, heading.column,
                    "section '\(kind.title)' appears twice (first at line \(first)); keep one, moving its text there")
                continue
            }
            headingLines[kind] = line
            let end = index + 1 < headings.count ? headings[index + 1].line - 1 : lines.count
            let section = ServiceSection(
                kind: kind, bytes: Self.bytes(of: lines[min(heading.endLine, end)..<end], in: body),
                line: bodyLine + heading.endLine)
            let text = section.markdown(in: body)
            if text.unicodeScalars.lazy.filter({ !$0.properties.isWhitespace }).prefix(3).count < 3 {
                reader.sink.error(
                    file, line, heading.column,
                    "section '\(kind.title)' is empty; write at least a sentence (the AgID checker requires text)")
            }
            sections.append(section)
        }
        for kind in ServiceSection.Kind.allCases
        where kind.isMandatory && !sections.contains(where: { $0.kind == kind }) {
            reader.sink.error(
                file, max(bodyLine - 1, 1), 1,
                "mandatory section '## \(kind.title)' is missing; add it to the page body")
        }
        return sections.sorted { $0.kind < $1.kind }
    }

    /// The UTF-8 offsets in `body` of `lines`, lines of it: from the start of the first to the end of the last.
    private static func bytes(of lines: ArraySlice<Substring>, in body: Substring) -> Range<Int> {
        guard let first = lines.first, let last = lines.last else { return 0..<0 }
        let utf8 = body.utf8
        let start = utf8.distance(from: utf8.startIndex, to: first.startIndex)
        return start..<(start + utf8.distance(from: first.startIndex, to: last.endIndex))
    }
}

extension MeasureInfo {
    static func read(_ reader: YAMLReader, shared: SharedValues) -> MeasureInfo? {
        let number = reader.int("number", range: 1...99)
        let form = reader.string("form", required: true, hint: "the form id in forms/")
        let opens = reader.date("opens", required: true)
        let closes = reader.date("closes", required: true)
        let amount = reader.string("amount")
        let topics = shared.list(reader.topics() ?? [])
        if let opens, let closes, closes < opens, let node = reader.node("closes") {
            reader.error(at: node, "`closes` (\(closes.iso)) is before `opens` (\(opens.iso)); swap them")
        }
        guard let form, let formLocation = reader.location(ofKey: "form"), let opens, let closes,
            let opensNode = reader.node("opens"), let closesNode = reader.node("closes")
        else { return nil }
        return MeasureInfo(
            number: number, form: form, formLocation: formLocation, opens: opens, closes: closes,
            opensLocation: reader.location(of: opensNode), closesLocation: reader.location(of: closesNode),
            amount: amount, topics: topics)
    }
}

extension NewsInfo {
    static func read(_ reader: YAMLReader, shared: SharedValues) -> NewsInfo? {
        let date = reader.date("date", required: true)
        let topics = shared.list(reader.topics() ?? [])
        guard let date else { return nil }
        return NewsInfo(date: date, topics: topics)
    }
}
