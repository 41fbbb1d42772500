import Foundation
import ItalianIdentifiers

/// A shop that accepts a portal's measures (buoni spesa: OCDPC 658/2020 asks the comune to publish
/// the list), one row of `esercenti.csv`.
public struct Merchant: Sendable, Hashable {
    /// The shop's sign, as citizens look for it (`Alimentari Da Gino`).
    public var name: String
    /// Its page's path segment under `esercenti/`: the name folded by ``Merchant/slug(_:)``, with
    /// `-2`, `-3`… when that is taken by a row above or by ``reservedSlugs``.
    public var slug: String
    public var partitaIVA: PartitaIVA
    /// Free text (`Alimentari`, `Farmacia`); the category pages group by its ``Merchant/slug(_:)``.
    public var category: String
    /// Street address with number, CAP and comune, as written in the file.
    public var address: String
    /// WGS 84 degrees.
    public var latitude: Double
    public var longitude: Double
    /// Opening hours (`lun-sab 8-13 e 16-19:30`).
    public var hours: OpeningHours?
    public var phone: String?
    /// Slugs of the measures (pages in `misure/`) the shop accepts, in file order.
    public var measures: [String]
    /// The row's first line in `esercenti.csv`.
    public var location: SourceLocation

    /// The page of the merchant, relative to the portal root.
    public var url: String { "\(Merchant.section)/\(slug)/" }

    /// Folders under `esercenti/` that hold generated pages (the map, the list by category, the filters):
    /// a merchant whose name folds to one of them gets `-2`.
    public static let reservedSlugs = ["mappa", "per-categoria", "categoria", "misura"]

    /// The file, in a portal folder or `_shared/`.
    public static let fileName = "esercenti.csv"

    /// The folder merchants' pages are published under.
    public static let section = "esercenti"

    /// A path segment for a name, by ``Slug/make(_:fallback:)`` (`Caffè Centrale` → `caffe-centrale`).
    public static func slug(_ text: String) -> String { Slug.make(text, fallback: "esercente") }
}
