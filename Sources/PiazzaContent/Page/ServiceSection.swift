import Foundation
import ItalianIdentifiers

/// One section of a Designers Italia "scheda servizio", in the order the model fixes.
public struct ServiceSection: Sendable, Hashable {
    /// The sections a service page can have, in publication order.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case addressed
        case howTo
        case needed
        case achieved
        case deadlines
        case cost
        case access
        case moreInfo
        case conditions
        case contacts

        /// The heading as published (and as editors write it after `##`).
        public var title: String {
            switch self {
            case .addressed: return "A chi è rivolto"
            case .howTo: return "Come fare"
            case .needed: return "Cosa serve"
            case .achieved: return "Cosa si ottiene"
            case .deadlines: return "Tempi e scadenze"
            case .cost: return "Quanto costa"
            case .access: return "Accedi al servizio"
            case .moreInfo: return "Ulteriori informazioni"
            case .conditions: return "Condizioni di servizio"
            case .contacts: return "Contatti"
            }
        }

        /// The fragment id used by the page index (the Designers Italia examples' anchors).
        public var anchor: String {
            switch self {
            case .addressed: return "who-needs"
            case .howTo: return "how-to"
            case .needed: return "needed"
            case .achieved: return "obtain"
            case .deadlines: return "deadlines"
            case .cost: return "costs"
            case .access: return "submit-request"
            case .moreInfo: return "more-info"
            case .conditions: return "conditions"
            case .contacts: return "contacts"
            }
        }

        /// The `data-element` the AgID checker looks for on the section's content.
        public var dataElement: String? {
            switch self {
            case .addressed: return "service-addressed"
            case .howTo: return "service-how-to"
            case .needed: return "service-needed"
            case .achieved: return "service-achieved"
            case .deadlines: return "service-calendar-text"
            case .cost: return "service-cost"
            case .access: return nil
            case .moreInfo: return nil
            case .conditions: return nil
            case .contacts: return "service-area"
            }
        }

        /// Sections an editor must write in the body.
        public var isMandatory: Bool {
            switch self {
            case .addressed, .howTo, .needed, .achieved, .deadlines, .conditions, .contacts: return true
            case .cost, .access, .moreInfo: return false
            }
        }

        /// Sections written as `##` headings in the body (the others come from front matter).
        public var isWritten: Bool { self != .cost && self != .access }

        /// Finds the section a `##` heading names, ignoring case, accents and invisible characters: the
        /// heading is read by the typed-text rule first (``TypedText/normalized(_:multiline:)``: a
        /// no-break space is a space, a zero-width space is nothing), as pasted text is everywhere.
        public init?(heading: String) {
            // A heading written as published, most of them, needs no folding (Foundation's, for the `è` of
            // "A chi è rivolto", was a tenth of cutting a service's sections).
            if let kind = Kind.foldedTitles.first(where: { $0.kind.title == heading })?.kind {
                self = kind
                return
            }
            let key = ServiceSection.fold(heading)
            guard let kind = Kind.foldedTitles.first(where: { $0.folded == key })?.kind else { return nil }
            self = kind
        }

        /// The written kinds with their titles folded, in `allCases` order: folded once, not for every
        /// heading of every page (folding them again was a seventh of loading 10,000 pages).
        private static let foldedTitles = allCases.filter(\.isWritten).map {
            (kind: $0, folded: ServiceSection.fold($0.title))
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Which section this is.
    public var kind: Kind
    /// Where its Markdown is: UTF-8 offsets in the page's body, from the start of its first line to the end
    /// of its last (line feed left out). The text is the body's (``markdown(in:)``), which the page model
    /// does not keep (``Page/bodyLocation``).
    public var bytes: Range<Int>
    /// 1-based line in the source file of the first line of its Markdown.
    public var line: Int

    public init(kind: Kind, bytes: Range<Int>, line: Int) {
        self.kind = kind
        self.bytes = bytes
        self.line = line
    }

    /// Its Markdown in `body`, the page's body (``Page/body(in:)``): the lines at ``bytes`` joined by line
    /// feeds, as ``StringProtocol/lines()`` splits them (a slice of the body when it has no carriage return).
    public func markdown(in body: Substring) -> Substring {
        let utf8 = body.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        return FrontMatter.body(of: body[start..<utf8.index(start, offsetBy: bytes.count)])
    }

    static func fold(_ text: String) -> String {
        TypedText.normalized(text).caseAndDiacriticFolded
    }
}
