import Foundation

extension PortalConfig {
    /// Reads and checks `portal.yaml`; problems go to `sink`.
    static func load(source: String, text: String, sink: DiagnosticSink) -> PortalConfig? {
        let empty =
            "portal.yaml is empty (or only comments); write the portal's settings, starting with `name: ...` (see docs/CONTENT.md)"
        guard let node = YAMLSource(file: source, lineOffset: 0).parse(text, into: sink, ifEmpty: empty),
            let reader = YAMLReader(node, file: source, lineOffset: 0, context: "portal.yaml", sink: sink)
        else { return nil }
        let name = reader.string("name", required: true, hint: "the portal title")
        let description = reader.string("description", required: true, hint: "one sentence about the portal")
        let area = readArea(reader)
        let comuni = readComuni(reader, area: area)
        let ipaCode = reader.string("ipa_code")
        if let ipaCode, let node = reader.node("ipa_code"),
            ipaCode.range(of: "^[A-Za-z0-9_]{2,20}$", options: .regularExpression) == nil
        {
            reader.error(at: node, "`ipa_code` must be the code of the comune in the IPA register, like c_c957")
        }
        let baseURL = reader.webAddress("base_url", required: true)
        let intakeURL = reader.webAddress("intake_url", required: true)
        let language = reader.string("language") ?? "it"
        if language != "it", let node = reader.node("language") {
            reader.error(at: node, "`language` can only be `it` for now")
        }
        var primary = "#0b5f8a"
        var primaryDark = "#073f5c"
        if let colors = reader.mapping("colors", context: "`colors` in portal.yaml") {
            primary = color(colors, "primary") ?? primary
            primaryDark = color(colors, "primary_dark") ?? primaryDark
            colors.finish()
        }
        let logo = reader.string("logo")
        let contacts = readContacts(reader)
        let dpo = readDPO(reader)
        let statement = reader.linkAddress(
            "accessibility_statement", required: true, hint: "https://form.agid.gov.it/view/...")
        let feedEntries = reader.int("feed_entries", range: 1...500) ?? 20
        let allowRawHTML = reader.bool("allow_raw_html") ?? false
        let featured = reader.strings("featured_measures") ?? []
        let mapTiles = reader.string("map_tiles")
        if let mapTiles, let node = reader.node("map_tiles"),
            !(mapTiles.hasPrefix("https://") && ["{z}", "{x}", "{y}"].allSatisfy(mapTiles.contains))
        {
            reader.error(at: node, "`map_tiles` must be an https:// address with {z}, {x} and {y}")
        }
        let mapAttribution = reader.string("map_attribution")
        var theme = reader.string("theme") ?? PortalConfig.defaultTheme
        if let node = reader.node("theme"), theme.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) == nil
        {
            reader.error(
                at: node, "`theme` must be the name of a theme folder, like italia (lowercase letters, digits, -)")
            // Never a path: the build goes on with the default theme to report every other error too.
            theme = PortalConfig.defaultTheme
        }
        if mapTiles != nil, mapAttribution == nil, let node = reader.keyNode("map_tiles") {
            reader.error(at: node, "`map_tiles` needs `map_attribution`: the credit the tile provider requires")
        }
        let updated = reader.date("updated")
        reader.finish()
        guard let name, let nameLocation = reader.location(ofKey: "name"), let description, let comuni, let baseURL,
            let intakeURL, let contacts, let dpo, let statement
        else { return nil }
        return PortalConfig(
            name: name, nameLocation: nameLocation, description: description, comuni: comuni, ipaCode: ipaCode,
            baseURL: baseURL,
            intakeURL: intakeURL, language: language, primaryColor: primary, primaryDarkColor: primaryDark, logo: logo,
            logoLocation: reader.location(ofKey: "logo"), contacts: contacts, dpo: dpo,
            accessibilityStatement: statement, feedEntries: feedEntries, allowRawHTML: allowRawHTML,
            featuredMeasures: featured, featuredMeasuresLocation: reader.location(ofKey: "featured_measures"),
            area: area, mapTiles: mapTiles, mapAttribution: mapAttribution, theme: theme,
            themeLocation: reader.location(ofKey: "theme"), updated: updated)
    }

    /// The theme of a portal without `theme:`, the folder every other theme falls back to.
    public static let defaultTheme = "default"

    /// `area: { south: 45.38, west: 11.80, north: 45.46, east: 11.93 }`: decimal degrees, south below north,
    /// west below east.
    private static func readArea(_ reader: YAMLReader) -> Area? {
        guard let nested = reader.mapping("area", context: "`area` in portal.yaml") else { return nil }
        let south = degrees(nested, "south", -90...90, required: true)
        let west = degrees(nested, "west", -180...180, required: true)
        let north = degrees(nested, "north", -90...90, required: true)
        let east = degrees(nested, "east", -180...180, required: true)
        nested.finish()
        guard let south, let west, let north, let east else { return nil }
        guard south < north, west < east else {
            reader.node("area").map { reader.error(at: $0, "`area` needs south < north and west < east") }
            return nil
        }
        return Area(south: south, west: west, north: north, east: east)
    }

    /// Decimal degrees at `key` within `range`; an error at it otherwise.
    private static func degrees(_ reader: YAMLReader, _ key: String, _ range: ClosedRange<Double>, required: Bool)
        -> Double?
    {
        guard let text = reader.string(key, required: required, hint: "decimal degrees, e.g. 45.41"),
            let node = reader.node(key)
        else { return nil }
        guard let value = YAMLReader.plainDecimal(text).map({ NSDecimalNumber(decimal: $0).doubleValue }),
            range.contains(value)
        else {
            reader.error(at: node, "`\(key)` must be decimal degrees like 45.41")
            return nil
        }
        return value
    }

    private static func color(_ reader: YAMLReader, _ key: String) -> String? {
        guard let text = reader.string(key), let node = reader.node(key) else { return nil }
        guard text.range(of: "^#[0-9a-fA-F]{6}$", options: .regularExpression) != nil else {
            reader.error(at: node, "`\(key)` must be a colour like \"#0b5f8a\" (quote it: # starts a YAML comment)")
            return nil
        }
        if ContrastRatio.between(text, "#ffffff") < 4.5 {
            let ratio = String(format: "%.2f", ContrastRatio.between(text, "#ffffff"))
            reader.error(
                at: node,
                "colour \(text) has contrast \(ratio):1 with white text; WCAG AA needs 4.5:1, choose a darker colour")
        }
        return text.lowercased()
    }

    /// `comuni:`, each `{ name, istat, province }` and optionally `lat`, `lon` (the municipio, decimal
    /// degrees, both or neither, inside `area` when there is one).
    private static func readComuni(_ reader: YAMLReader, area: Area?) -> [Comune]? {
        guard let items = reader.sequence("comuni", required: true) else { return nil }
        var comuni: [Comune] = []
        for item in items {
            guard let nested = reader.reader(for: item, context: "a comune in portal.yaml") else { continue }
            let name = nested.string("name", required: true, hint: "Vigonza")
            let istat = nested.string("istat", required: true, hint: "\"028100\"")
            let province = nested.string("province", required: true, hint: "PD")
            let latitude = degrees(nested, "lat", -90...90, required: false)
            let longitude = degrees(nested, "lon", -180...180, required: false)
            nested.finish()
            var location: Point?
            if let latitude, let longitude {
                location = Point(latitude: latitude, longitude: longitude)
                if let area, !area.contains(latitude: latitude, longitude: longitude) {
                    nested.error(
                        at: nested.node("lat")!,
                        "`lat`, `lon` (\(latitude), \(longitude)) are outside `area` (\(area)); check the coordinates "
                            + "(lat first, then lon)")
                }
            } else if let node = nested.node("lat") ?? nested.node("lon"),
                nested.node("lat") == nil || nested.node("lon") == nil
            {
                nested.error(
                    at: node, "a comune's position needs both `lat` and `lon` (decimal degrees of the municipio)")
            }
            if let istat, istat.range(of: "^[0-9]{6}$", options: .regularExpression) == nil {
                nested.error(
                    at: nested.node("istat")!, "`istat` must be the 6-digit ISTAT code in quotes, e.g. \"028100\"")
                continue
            }
            if let province, province.range(of: "^[A-Z]{2}$", options: .regularExpression) == nil {
                nested.error(at: nested.node("province")!, "`province` must be the two-letter code, e.g. PD")
                continue
            }
            if let istat, comuni.contains(where: { $0.istat == istat }) {
                nested.error(at: nested.node("istat")!, "comune \(istat) appears twice in `comuni`; keep one")
                continue
            }
            if let name, let istat, let province {
                comuni.append(Comune(name: name, istat: istat, province: province, location: location))
            }
        }
        if comuni.isEmpty && !items.isEmpty { return nil }
        if items.isEmpty { reader.error("`comuni` needs at least one comune") }
        return comuni.isEmpty ? nil : comuni
    }

    private static func readContacts(_ reader: YAMLReader) -> Contacts? {
        guard let nested = reader.mapping("contacts", required: true, context: "`contacts` in portal.yaml") else {
            return nil
        }
        let email = nested.string("email", required: true, hint: "welfare@comune.example.it")
        let contacts = Contacts(
            email: email ?? "", phone: nested.string("phone"), address: nested.string("address"),
            addressLocation: nested.location(ofKey: "address"), pec: nested.string("pec"))
        nested.finish()
        return email == nil ? nil : contacts
    }

    private static func readDPO(_ reader: YAMLReader) -> DPO? {
        guard let nested = reader.mapping("dpo", required: true, context: "`dpo` in portal.yaml") else { return nil }
        let name = nested.string("name", required: true, hint: "the DPO's name or firm")
        let email = nested.string("email", required: true, hint: "dpo@example.it")
        nested.finish()
        guard let name, let email else { return nil }
        return DPO(name: name, email: email)
    }
}
