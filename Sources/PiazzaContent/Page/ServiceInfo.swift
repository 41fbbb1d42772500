/// The front matter of a "scheda servizio" plus its body sections.
public struct ServiceInfo: Sendable, Hashable {
    /// Whether citizens can use the service now.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case attivo
        case inattivo
    }

    /// How the service is paid for.
    public enum Price: String, Sendable, Hashable, CaseIterable {
        case gratuito
        case aPagamento = "a-pagamento"
        case inConvenzione = "in-convenzione"

        /// Label for filters and badges.
        public var label: String {
            switch self {
            case .gratuito: return "Gratuito"
            case .aPagamento: return "A pagamento"
            case .inConvenzione: return "In convenzione"
            }
        }
    }

    /// Who the service is for.
    public enum Audience: String, Sendable, Hashable, CaseIterable {
        case cittadini, famiglie, anziani, giovani, imprese, dipendenti

        public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    /// Which kind of welfare the service belongs to.
    public enum Welfare: String, Sendable, Hashable, CaseIterable {
        case pubblico, territoriale, aziendale

        public var label: String { "Welfare " + rawValue }
    }

    /// Who runs the service.
    public enum Provider: String, Sendable, Hashable, CaseIterable {
        case comune
        case cooperativa
        case enteAccreditato = "ente-accreditato"
        case azienda

        public var label: String {
            switch self {
            case .comune: return "Comune"
            case .cooperativa: return "Cooperativa sociale"
            case .enteAccreditato: return "Ente accreditato del terzo settore"
            case .azienda: return "Azienda (welfare aziendale)"
            }
        }
    }

    /// How citizens reach the service: the catalogue's "canale" facet.
    public enum Channel: String, Sendable, Hashable, CaseIterable {
        case online, sportello

        public var label: String { self == .online ? "Online" : "Allo sportello" }
    }

    /// The channels of "Accedi al servizio"; at least one is set.
    public struct Access: Sendable, Hashable {
        /// An external online service.
        public var online: String?
        /// A form id of the portal.
        public var form: String?
        /// Where `form:` is written, when it is.
        public var formLocation: SourceLocation?
        /// A booking page, as a Markdown path.
        public var booking: String?
        /// Where `booking:` is written, when it is.
        public var bookingLocation: SourceLocation?
        /// A physical place or office.
        public var place: String?
    }

    /// The Designers Italia categories of the service catalogue.
    public static let categories = [
        "Agricoltura e pesca", "Ambiente", "Anagrafe e stato civile", "Appalti pubblici", "Autorizzazioni",
        "Catasto e urbanistica", "Cultura e tempo libero", "Educazione e formazione",
        "Giustizia e sicurezza pubblica", "Imprese e commercio", "Mobilità e trasporti",
        "Salute, benessere e assistenza", "Tributi, finanze e contravvenzioni", "Turismo", "Vita lavorativa",
    ]

    public var category: String
    public var topics: [String]
    public var status: Status
    public var statusReason: String?
    public var price: Price
    public var cost: String?
    public var audience: [Audience]
    public var welfare: Welfare
    public var provider: Provider
    public var providerName: String?
    public var office: String?
    public var maxResponseDays: Int
    public var access: Access
    /// Terms-of-service file, as a path under the portal.
    public var conditionsFile: String?
    /// Where `conditions:` is written, when it is.
    public var conditionsLocation: SourceLocation?
    /// The day the scheda last changed in what it says (`updated:`): the services open data's
    /// `dct:modified` is the newest one (``Portal/openDataDate``).
    public var updated: ContentDate?
    /// The written sections, in publication order.
    public var sections: [ServiceSection]

    /// The channels `access` offers, derived so they cannot disagree with it: `online` for an external
    /// service, a portal form or a booking page, `sportello` for a place; in ``Channel`` order.
    public var channels: [Channel] {
        var channels: [Channel] = []
        if access.online != nil || access.form != nil || access.booking != nil { channels.append(.online) }
        if access.place != nil { channels.append(.sportello) }
        return channels
    }
}
