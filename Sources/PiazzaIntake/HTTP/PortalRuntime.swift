import PiazzaContent
import PiazzaRender

/// Everything the daemon holds for one served portal.
///
/// A class, made once at start: every post hands one reference down the request path instead of copying the
/// portal, its pages and its database (a retain and a release of each of their fields per copy, seen in the intake's
/// profile).
final class PortalRuntime: Sendable {
    let portal: Portal
    let database: PortalDatabase
    let pages: Pages
    /// What accepting a case of the portal's forms creates (vouchers, merchants).
    let acceptance: AcceptanceEffects
    /// Which of the portal's forms grant an amount an operator may set.
    let benefitForms: BenefitForms
    /// The page paths the site's clarity feedback may name (``PortalRenderer/feedbackPagePaths(_:)``):
    /// the pages a build of the loaded content publishes with the widget.
    let feedbackPages: Set<String>
    /// The automatic checks of each form, by form id, made once: a submission only runs them.
    private let formChecks: [String: ApplicationChecks]

    /// - Parameters:
    ///   - themes: the portal's pages are in its theme, the back office's in the default one.
    ///   - daemonPath: the path of `public_url` (``Redirect/prefix``), which every address of the daemon in
    ///     the pages starts with.
    ///   - limits: the daemon's limits, which its pages tell as enforced (``Pages/limits``).
    init(
        portal: Portal, database: PortalDatabase, themes: PortalThemes, daemonPath: String,
        limits: DaemonConfig.Limits
    ) {
        self.portal = portal
        self.database = database
        pages = Pages(
            portal: portal, theme: themes.theme(for: portal), backOfficeTheme: themes.base, daemonPath: daemonPath,
            limits: limits)
        acceptance = AcceptanceEffects(forms: portal.forms)
        benefitForms = BenefitForms(forms: portal.forms)
        feedbackPages = pages.renderer.feedbackPagePaths(pages.renderer.serviceCatalogue())
        formChecks = Dictionary(
            uniqueKeysWithValues: portal.forms.map { ($0.id, ApplicationChecks(form: $0, portal: portal.config)) })
    }

    /// The automatic checks of `form`, one of the portal's forms (``Portal/form(id:)``): the ones made at start.
    func checks(for form: FormDefinition) -> ApplicationChecks {
        formChecks[form.id] ?? ApplicationChecks(form: form, portal: portal.config)
    }
}
