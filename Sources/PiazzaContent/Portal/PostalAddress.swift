import Foundation

/// An Italian postal address read from the one-line form Poste Italiane prescribes for the last lines of an
/// address: `Via Esempio 1, 35010 Vigonza (PD)` — street and number, a comma, the 5-digit CAP, the
/// locality and, optionally, the province's 2-letter code in brackets. Schema.org's `PostalAddress` (the
/// JSON-LD `serviceLocation.address` that AgID's checker reads, criterion R.SI.1.1) needs the parts.
public struct PostalAddress: Sendable, Hashable {
    public var streetAddress: String
    /// The CAP, as text (leading zeros).
    public var postalCode: String
    public var addressLocality: String
    /// The province's code (`PD`), when written.
    public var addressRegion: String?

    /// Reads `text`; nil when it does not have the `street, CAP locality (PR)` shape.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 2, let last = parts.last, !parts[0].isEmpty else { return nil }
        let words = last.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2, words[0].count == 5, words[0].allSatisfy(\.isASCII), words[0].allSatisfy(\.isNumber)
        else { return nil }
        var locality = words[1].trimmingCharacters(in: .whitespaces)
        var region: String?
        if locality.hasSuffix(")"), let open = locality.lastIndex(of: "(") {
            region = String(locality[locality.index(after: open)..<locality.index(before: locality.endIndex)])
            locality = locality[..<open].trimmingCharacters(in: .whitespaces)
        }
        guard !locality.isEmpty else { return nil }
        streetAddress = parts.dropLast().joined(separator: ", ")
        postalCode = words[0]
        addressLocality = locality
        addressRegion = region
    }
}
