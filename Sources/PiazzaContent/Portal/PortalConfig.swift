import Foundation

/// The settings of one portal, from `content/<portal>/portal.yaml`.
public struct PortalConfig: Sendable, Hashable {
    /// A municipality the portal serves.
    public struct Comune: Sendable, Hashable {
        public var name: String
        /// Six-digit ISTAT code, as text (leading zeros).
        public var istat: String
        /// Two-letter province (`PD`).
        public var province: String
        /// Where the municipio is (`lat`, `lon`): the comune's place for distances, such as the voucher flag
        /// of a purchase far from the household's comune; `nil` when portal.yaml does not say.
        public var location: Point?
    }

    /// A place in decimal degrees (WGS 84).
    public struct Point: Sendable, Hashable {
        public var latitude: Double
        public var longitude: Double

        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }

        /// The great-circle distance to `other` in kilometres (haversine, on a sphere of the Earth's mean
        /// radius, 6371.0088 km): within 0.5 % of the ellipsoid's, plenty for telling near from far.
        public func kilometres(to other: Point) -> Double {
            let radians = Double.pi / 180
            let dLat = (other.latitude - latitude) * radians
            let dLon = (other.longitude - longitude) * radians
            let a =
                sin(dLat / 2) * sin(dLat / 2) + cos(latitude * radians) * cos(other.latitude * radians)
                * sin(dLon / 2) * sin(dLon / 2)
            return 2 * 6371.0088 * asin(min(1, a.squareRoot()))
        }
    }

    /// How citizens reach the portal's office.
    public struct Contacts: Sendable, Hashable {
        public var email: String
        public var phone: String?
        public var address: String?
        /// Where `address:` is written in portal.yaml, for the warnings about it.
        public var addressLocation: SourceLocation?
        public var pec: String?
    }

    /// The data protection officer.
    public struct DPO: Sendable, Hashable {
        public var name: String
        public var email: String
    }

    /// The comune's bounding box (`area:` in portal.yaml), in WGS 84 degrees: merchants' coordinates must lie inside.
    public struct Area: Sendable, Hashable, CustomStringConvertible {
        public var south: Double
        public var west: Double
        public var north: Double
        public var east: Double

        /// Whether a point lies inside the box, edges included.
        public func contains(latitude: Double, longitude: Double) -> Bool {
            (south...north).contains(latitude) && (west...east).contains(longitude)
        }

        public var description: String { "south \(south), west \(west), north \(north), east \(east)" }
    }

    public var name: String
    /// Where `name:` is written: errors about the whole portal (a missing footer or home page) point there.
    public var nameLocation: SourceLocation
    public var description: String
    public var comuni: [Comune]
    /// The comune's code in the IPA register (`ipa_code:`, e.g. `c_c957`): the publisher's identifier in the
    /// DCAT-AP_IT open-data catalogue. Without it the catalogue names the comune only.
    public var ipaCode: String?
    /// Absolute URL of the published site, without trailing slash.
    public var baseURL: String
    /// Absolute URL of the intake daemon that receives forms, without trailing slash.
    public var intakeURL: String
    public var language: String
    /// Brand colours, `#rrggbb`.
    public var primaryColor: String
    public var primaryDarkColor: String
    /// Logo path under the portal (`static/logo.svg`).
    public var logo: String?
    /// Where `logo:` is written, when it is.
    public var logoLocation: SourceLocation?
    public var contacts: Contacts
    public var dpo: DPO
    /// The AgID accessibility declaration.
    public var accessibilityStatement: String
    public var feedEntries: Int
    public var allowRawHTML: Bool
    /// Measure slugs shown on the home page.
    public var featuredMeasures: [String]
    /// Where `featured_measures:` is written, when it is.
    public var featuredMeasuresLocation: SourceLocation?
    /// The comune's bounding box, needed when the portal has `esercenti.csv`.
    public var area: Area?
    /// The map tiles of the merchant map (`map_tiles:`, a URL with `{z}/{x}/{y}`); `nil` shows the markers on
    /// a plain background, so the map page makes no third-party request unless the portal opts in.
    public var mapTiles: String?
    /// The attribution the tile provider requires (`map_attribution:`), shown under the map.
    public var mapAttribution: String?
    /// The theme the portal's pages are rendered with (`theme:`, a folder name under the build's `--themes`
    /// folder, e.g. `italia`); `default` when not set.
    public var theme: String
    /// Where `theme:` is written, when it is.
    public var themeLocation: SourceLocation?
    /// The day the portal's content was last brought up to date (`updated:`): the open data's date when
    /// its records carry none (``Portal/openDataDate``).
    public var updated: ContentDate?
}
