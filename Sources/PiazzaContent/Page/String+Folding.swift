import Foundation

extension String {
    /// The text without case and diacritics (`Città` → `citta`), as Foundation's `folding` with
    /// `.caseInsensitive` and `.diacriticInsensitive` gives it: the one folding piazza compares and
    /// slugs free text by. ASCII text, most of it, is only lower-cased: Foundation's folding goes
    /// through `NSString` for every call (a tenth of loading a service page's sections).
    public var caseAndDiacriticFolded: String {
        utf8.allSatisfy { $0 < 0x80 }
            ? lowercased() : folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
