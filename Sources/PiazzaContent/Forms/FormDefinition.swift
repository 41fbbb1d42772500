import Foundation

/// A form, from `forms/<id>.yaml`: what the generator renders and what the daemon validates.
public struct FormDefinition: Sendable, Hashable, Identifiable {
    /// The file name without `.yaml`; part of the posting URL.
    public var id: String
    /// Path relative to the content root.
    public var source: String
    public var title: String
    public var description: String
    /// Slug of the measure the form belongs to.
    public var measure: String?
    /// Where `measure:` is written, when it is.
    public var measureLocation: SourceLocation?
    /// The bando window, Europe/Rome.
    public var opens: ContentDateTime
    public var closes: ContentDateTime
    /// Page id of the privacy notice (`privacy.md`).
    public var privacy: String
    /// Where `privacy:` is written.
    public var privacyLocation: SourceLocation
    public var retentionYears: Int
    /// `response_days`: the days the office has to conclude a case, when the form sets them
    /// (``Portal/responseTerm(of:)`` resolves the term when it does not).
    public var responseDays: Int?
    public var minFillSeconds: Int
    public var submitLabel: String
    public var sections: [FormSection] { didSet { deriveFromSections() } }
    public var checks: FormChecks
    public var benefit: BenefitRule?
    /// `voucher:`: accepted cases get a voucher worth their benefit (issue 19).
    public var voucher: VoucherTerms?
    /// `merchant_enrolment:`: accepted cases enrol a shop for voucher measures (issue 19).
    public var merchantEnrolment: MerchantEnrolment?

    /// Every top-level field, in order; kept with ``sections`` (the daemon reads it for every posted value).
    public private(set) var fields: [FormField] = []
    /// ``postedByteLimit(forName:)`` of every posted name but group rows, decided with ``sections``.
    private(set) var postedByteLimits: [String: Int] = [:]
    /// ``postedByteLimit(forName:)`` of a group row's names without the group and row (`nome` of `componenti.2.nome`,
    /// `isee.dsu` of `componenti.0.isee.dsu`), by group name, decided with ``sections``.
    private(set) var rowByteLimits: [String: [String: Int]] = [:]
    /// The names `when:` conditions look at, in sections and in groups: validation keeps only their values.
    private(set) var conditionFields: Set<String> = []

    init(
        id: String, source: String, title: String, description: String, measure: String?,
        measureLocation: SourceLocation?, opens: ContentDateTime, closes: ContentDateTime, privacy: String,
        privacyLocation: SourceLocation, retentionYears: Int, minFillSeconds: Int, submitLabel: String,
        sections: [FormSection], checks: FormChecks, benefit: BenefitRule?
    ) {
        self.id = id
        self.source = source
        self.title = title
        self.description = description
        self.measure = measure
        self.measureLocation = measureLocation
        self.opens = opens
        self.closes = closes
        self.privacy = privacy
        self.privacyLocation = privacyLocation
        self.retentionYears = retentionYears
        self.minFillSeconds = minFillSeconds
        self.submitLabel = submitLabel
        self.sections = sections
        self.checks = checks
        self.benefit = benefit
        deriveFromSections()
    }

    /// Decides once what the daemon would otherwise recompute for every posted value.
    private mutating func deriveFromSections() {
        fields = sections.flatMap(\.fields)
        var limits: [String: Int] = [:]
        for field in fields {
            switch field.type {
            case .group: break
            case .isee: for part in ["importo", "dsu"] { limits["\(field.name).\(part)"] = field.postedByteLimit }
            default: limits[field.name] = field.postedByteLimit
            }
        }
        // The hidden keys win over a field of the same name, as the posted body is read.
        for name in FormSubmission.hiddenNames { limits[name] = FormSubmission.hiddenValueBytes }
        postedByteLimits = limits
        var rowLimits: [String: [String: Int]] = [:]
        // The first field of a name is the one a posted name stands for (``field(postedName:)``).
        var groups: Set<String> = []
        for field in fields where groups.insert(field.name).inserted && field.type == .group {
            rowLimits[field.name] = Self.rowByteLimits(of: field.fields)
        }
        rowByteLimits = rowLimits
        conditionFields = Set((fields + fields.flatMap(\.fields)).compactMap(\.when?.field))
    }

    /// The byte limit of each name a group's `fields` are posted under in a row, as ``field(postedName:)`` finds them:
    /// the first field of a name, a dotted name never (its head is another name).
    private static func rowByteLimits(of fields: [FormField]) -> [String: Int] {
        var limits: [String: Int] = [:]
        var seen: Set<String> = []
        for field in fields where seen.insert(field.name).inserted && !field.name.contains(".") {
            switch field.type {
            case .group: break
            case .isee: for part in ["importo", "dsu"] { limits["\(field.name).\(part)"] = field.postedByteLimit }
            default: limits[field.name] = field.postedByteLimit
            }
        }
        return limits
    }

    /// A top-level field by name.
    public func field(named name: String) -> FormField? { fields.first { $0.name == name } }

    /// Where the bando stands at an instant.
    public enum WindowState: Sendable, Hashable {
        case notYetOpen, open, closed
    }

    /// Whether the bando is open at `instant`.
    public func windowState(at instant: Date) -> WindowState {
        if instant < opens.instant { return .notYetOpen }
        if instant > closes.instant { return .closed }
        return .open
    }
}
