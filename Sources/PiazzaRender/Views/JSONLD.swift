import Foundation
import PiazzaContent

/// Schema.org structured data for `<script type="application/ld+json" data-element="metatag">`.
public enum JSONLD {
    /// A service card as `GovernmentService` (Designers Italia template, without its syntax errors), with every
    /// field AgID's checker reads (criterion R.SI.1.1, `src/audits/municipality_metatag/index.ts`): `name`,
    /// `serviceType`, `serviceOperator.name`, `areaServed.name` (one object), `audience.audienceType` and
    /// `availableChannel` with `serviceUrl` and a `serviceLocation` named and addressed (street, CAP,
    /// locality). The location is the service's own place when it has one, else its office or the portal's
    /// contacts; its address is the portal's contacts address (`Via …, CAP Comune (PR)`), `address` as
    /// ``PortalRenderer/contactAddress`` read it.
    static func governmentService(_ page: Page, _ service: ServiceInfo, portal: Portal, address: PostalAddress?)
        -> String
    {
        let config = portal.config
        let comuni = config.comuni.map { "Comune di \($0.name)" }.joined(separator: ", ")
        let url = config.baseURL + "/" + page.url
        var object = Object.schemaOrg()
        object.string("@type", "GovernmentService")
        object.named("areaServed", type: "AdministrativeArea", name: config.comuni.map(\.name).joined(separator: ", "))
        object.object("audience") {
            $0.string("@type", "Audience")
            $0.string("audienceType", service.audience.map(\.rawValue).joined(separator: ", "))
        }
        object.object("availableChannel") { channel in
            channel.string("@type", "ServiceChannel")
            channel.string("availableLanguage", "it")
            channel.string("processingTime", "P\(service.maxResponseDays)D")
            channel.object("serviceLocation") { location in
                location.string("@type", "Place")
                if let address {
                    location.object("address") {
                        $0.string("@type", "PostalAddress")
                        $0.string("addressCountry", "IT")
                        $0.string("addressLocality", address.addressLocality)
                        if let region = address.addressRegion { $0.string("addressRegion", region) }
                        $0.string("postalCode", address.postalCode)
                        $0.string("streetAddress", address.streetAddress)
                    }
                }
                location.string("name", service.access.place ?? service.office ?? config.name)
            }
            if let phone = config.contacts.phone { channel.string("servicePhone", phone) }
            channel.string("serviceUrl", url)
        }
        object.string("description", page.description ?? "")
        object.bool("isAccessibleForFree", service.price == .gratuito)
        object.string("name", page.title)
        object.named("provider", type: "GovernmentOrganization", name: comuni)
        // Who runs the service: the comune itself, or the cooperative, body or company named in `provider_name`.
        object.named(
            "serviceOperator", type: service.provider == .comune ? "GovernmentOrganization" : "Organization",
            name: service.provider == .comune
                ? (service.providerName ?? comuni) : (service.providerName ?? service.provider.label))
        object.string("serviceType", service.category)
        object.string("url", url)
        return object.text()
    }

    /// A merchant as `LocalBusiness`: address, geo, opening hours and the measures it accepts as
    /// `paymentAccepted` (research/domain.md §4.1).
    static func localBusiness(_ merchant: Merchant, portal: Portal) -> String {
        let config = portal.config
        var object: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "LocalBusiness",
            "name": merchant.name,
            "url": config.baseURL + "/" + merchant.url,
            "vatID": merchant.partitaIVA.euVATNumber,
            "address": ["@type": "PostalAddress", "streetAddress": merchant.address, "addressCountry": "IT"],
            "geo": ["@type": "GeoCoordinates", "latitude": merchant.latitude, "longitude": merchant.longitude],
            "currenciesAccepted": "EUR",
            "paymentAccepted": merchant.measures.map { portal.measureTitle($0) }.joined(separator: ", "),
        ]
        if let hours = merchant.hours { object["openingHours"] = hours.schemaOrg }
        if let phone = merchant.phone { object["telephone"] = phone }
        return encode(object)
    }

    /// Deterministic JSON (keys sorted), safe inside a `<script>` element: strings go through
    /// ``Escape/jsonInScript(_:)``, so no `</script>` or `<!--` can end or confuse the element. Written
    /// by hand because `JSONSerialization` cost more than a tenth of a 10,000-page build; into one byte
    /// buffer, each object's entries read once in key order, because appending to a `String` and sorting
    /// copies of the entries were still 8 % of it (perf, 2026-12-01: every page has a breadcrumb, every
    /// service page a `GovernmentService`).
    public static func encode(_ object: [String: Any]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(object, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: Any, to out: inout [UInt8]) {
        // The types objects are made of are found by the value's type, one comparison each: the casts failing
        // before the one that held were 3 % of a 10k-page build (perf, 2026-12-01; a `[String: String]` was
        // bridged to `[String: Any]` element by element). A value of another type is cast in the old order.
        switch ObjectIdentifier(type(of: value)) {
        case ObjectIdentifier(String.self): return writeString(value as! String, to: &out)
        case ObjectIdentifier([String: Any].self): return write(value as! [String: Any], to: &out)
        case ObjectIdentifier([String: String].self):
            return write(value as! [String: String], to: &out) { writeString($0, to: &$1) }
        case ObjectIdentifier([[String: Any]].self):
            return writeArray(value as! [[String: Any]], to: &out) { write($0, to: &$1) }
        case ObjectIdentifier([[String: String]].self):
            return writeArray(value as! [[String: String]], to: &out) {
                write($0, to: &$1) { writeString($0, to: &$1) }
            }
        case ObjectIdentifier([String].self):
            return writeArray(value as! [String], to: &out) { writeString($0, to: &$1) }
        case ObjectIdentifier(Int.self): return out.append(contentsOf: String(value as! Int).utf8)
        case ObjectIdentifier(Bool.self): return out.append(contentsOf: (value as! Bool ? "true" : "false").utf8)
        default: break
        }
        switch value {
        case let text as String:
            writeString(text, to: &out)
        case let flag as Bool:
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case let number as Int:
            out.append(contentsOf: String(number).utf8)
        case let number as Double:
            // Swift prints the shortest text that reads back as the same number: 45.41, not 45.409999.
            out.append(contentsOf: String(number).utf8)
        case let object as [String: Any]:
            write(object, to: &out)
        // Before `[Any]`: casting an array of objects to `[Any]` boxes every element into a new array.
        case let objects as [[String: Any]]:
            writeArray(objects, to: &out) { write($0, to: &$1) }
        case let array as [Any]:
            writeArray(array, to: &out) { write($0, to: &$1) }
        default:
            writeString(String(describing: value), to: &out)
        }
    }

    private static func writeArray<Element>(
        _ array: [Element], to out: inout [UInt8], _ writeElement: (Element, inout [UInt8]) -> Void
    ) {
        out.append(UInt8(ascii: "["))
        for (index, element) in array.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeElement(element, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func write(_ object: [String: Any], to out: inout [UInt8]) {
        write(object, to: &out) { write($0, to: &$1) }
    }

    /// Keys in sorted order, each entry read once through its index.
    private static func write<Value>(
        _ object: [String: Value], to out: inout [UInt8], _ writeValue: (Value, inout [UInt8]) -> Void
    ) {
        out.append(UInt8(ascii: "{"))
        for (position, index) in object.indices.sorted(by: { object[$0].key < object[$1].key }).enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            writeString(object[index].key, to: &out)
            out.append(UInt8(ascii: ":"))
            writeValue(object[index].value, &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        Escape.jsonInScript(text, into: &out)
        out.append(UInt8(ascii: "\""))
    }
}
