extension Scaffold {
    /// The texts `piazza new` writes for the editor to replace: a page or a `portal.yaml` that still holds one
    /// is not ready to publish, and `piazza check` says so at the text's place (``Placeholder/all``).
    public struct Placeholder: Sendable, Hashable {
        /// The text as written.
        public var text: String
        /// Whether it is a whole value (a line of text, a front matter value) or may stand inside one (a URL).
        public var isWholeValue: Bool

        /// Each mandatory section of a new service.
        public static let toWrite = Placeholder(text: "Da scrivere.", isWholeValue: true)
        public static let serviceTitle = Placeholder(text: "Nuovo servizio", isWholeValue: true)
        public static let serviceDescription = Placeholder(
            text: "Una o due frasi che dicono a chi serve e cosa offre.", isWholeValue: true)
        public static let servicePlace = Placeholder(
            text: "Ufficio Servizi Sociali, Piazza del Municipio 1", isWholeValue: true)
        public static let newsTitle = Placeholder(text: "Nuova notizia", isWholeValue: true)
        public static let newsDescription = Placeholder(text: "Riassunto in una frase.", isWholeValue: true)
        public static let newsText = Placeholder(text: "Testo della notizia.", isWholeValue: true)
        public static let sectionDescription = Placeholder(
            text: "Una frase che dice cosa trova qui chi legge.", isWholeValue: true)
        public static let sectionText = Placeholder(text: "Testo introduttivo della sezione.", isWholeValue: true)
        public static let pageTitle = Placeholder(text: "Nuova pagina", isWholeValue: true)
        public static let pageText = Placeholder(text: "Testo della pagina.", isWholeValue: true)
        /// The DPO's name and the accessibility statement's address in a new `portal.yaml`.
        public static let toComplete = Placeholder(text: "(da completare)", isWholeValue: false)
        public static let statementToComplete = Placeholder(text: "view/da-completare", isWholeValue: false)
        /// The office's phone in a new `portal.yaml`.
        public static let phone = Placeholder(text: "000 0000000", isWholeValue: false)

        /// Every placeholder `piazza new` writes.
        public static let all: [Placeholder] = [
            toWrite, serviceTitle, serviceDescription, servicePlace, newsTitle, newsDescription, newsText,
            sectionDescription, sectionText, pageTitle, pageText, toComplete, statementToComplete, phone,
        ]
    }

    /// The comment that marks a file as an example of the demo content (`content/_shared/`, the demo portals):
    /// a front matter or YAML line starting with it. A portal whose `portal.yaml` holds it is a demo; any other
    /// portal publishing a marked page or form is told, per file, that it publishes the demo's example
    /// (docs/CONTENT.md, *Starting files*).
    public static let exampleMarker = "# esempio:"
}
