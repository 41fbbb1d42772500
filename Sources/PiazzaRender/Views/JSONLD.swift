import Foundation
import PiazzaContent

/// Schema.org structured data for `<script type="application/ld+json" data-element="metatag">`.
enum JSONLD {
    /// A service card as `GovernmentService` (Designers Italia template, without its syntax errors).
    static func governmentService(_ page: Page, _ service: ServiceInfo, portal: Portal) -> String {
        let config = portal.config
        var channel: [String: Any] = [
            "@type": "ServiceChannel",
            "serviceUrl": config.baseURL + "/" + page.url,
            "availableLanguage": "it",
            "processingTime": "P\(service.maxResponseDays)D",
        ]
        if let place = service.access.place {
            channel["serviceLocation"] = ["@type": "Place", "name": place]
        }
        if let phone = config.contacts.phone { channel["servicePhone"] = phone }
        var object: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": page.title,
            "description": page.description ?? "",
            "serviceType": service.category,
            "url": config.baseURL + "/" + page.url,
            "provider": [
                "@type": "GovernmentOrganization",
                "name": config.comuni.map { "Comune di \($0.name)" }.joined(separator: ", "),
            ],
            "areaServed": config.comuni.map { ["@type": "AdministrativeArea", "name": $0.name] },
            "audience": ["@type": "Audience", "audienceType": service.audience.map(\.rawValue).joined(separator: ", ")],
            "availableChannel": channel,
            "isAccessibleForFree": service.price == .gratuito,
        ]
        if service.provider != .comune {
            object["serviceOperator"] = ["@type": "Organization", "name": service.providerName ?? service.provider.label]
        }
        return encode(object)
    }

    /// Deterministic JSON, safe inside a `<script>` element: every `<` is written as `\u003c`, so no
    /// `</script>` or `<!--` can end or confuse the element.
    static func encode(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
