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
    public var minFillSeconds: Int
    public var submitLabel: String
    public var sections: [FormSection]
    public var checks: FormChecks
    public var benefit: BenefitRule?

    /// Every top-level field, in order.
    public var fields: [FormField] { sections.flatMap(\.fields) }

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
