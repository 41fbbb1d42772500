import GRDB

/// Where an application is in its workflow, stored by its Italian name (`applications.state`,
/// `application_events.state`).
///
/// The workflow of the product contract: `inviata → presa in carico → richiesta integrazione →
/// integrata → accolta | respinta | ritirata`. Intake only ever writes ``submitted``; the back
/// office moves applications along.
enum ApplicationState: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
    case submitted = "inviata"
    case takenInCharge = "presa_in_carico"
    case integrationRequested = "richiesta_integrazione"
    case integrated = "integrata"
    case accepted = "accolta"
    case rejected = "respinta"
    case withdrawn = "ritirata"
}
