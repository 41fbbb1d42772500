import Foundation
import Hummingbird
import PiazzaRender

/// After a session ends, the back office leads the operator back where she was (finding 11 of session 12):
/// a `GET` sent to the login page carries its own address in `dopo-accesso`, and a post sent without a live
/// session gets the login form, «La sessione è scaduta: accedi di nuovo», with the address of the page it came
/// from and, from a case page, what was typed (``CaseDraft``). After the login the operator is on that page,
/// the text back in its form; nothing posted before the login is ever applied: she presses the button again.
enum LoginReturn {
    /// The login form's field (and the login page's query parameter) with the page to go back to.
    static let field = "dopo-accesso"

    /// `text` when it is a back-office page to return to after the login: a daemon path under `/operator/`,
    /// at most 512 bytes of unreserved URL characters (letters, digits, `-._~/?=&%+`), without `//`, `..`,
    /// a `/.` segment, an encoded dot, slash or backslash in the path (`%2e`, `%2f`, `%5c`), or the login and
    /// logout paths. Anything else (`//evil.example`, `/\evil`, a full URL, a `%2F%2F` the query already
    /// decoded to `//`) is `nil`: the redirect never leaves the back office.
    static func path(_ text: String?) -> String? {
        guard let text, text.utf8.count <= 512, text.hasPrefix("/operator/"),
            !text.hasPrefix("/operator/login"), !text.hasPrefix("/operator/logout"),
            text.utf8.allSatisfy({ allowed.contains($0) }), !text.contains("//"), !text.contains("..")
        else { return nil }
        let path = text.split(separator: "?", maxSplits: 1)[0].lowercased()
        let tricks = ["/./", "%2e", "%2f", "%5c"]
        return tricks.contains(where: path.contains) || path.hasSuffix("/.") ? nil : text
    }

    private static let allowed = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&%+".utf8)

    /// The login page's address leading back to `path` (a daemon path, ``path(_:)``); the plain login page for
    /// `/operator/`, where the login goes anyway.
    static func loginAddress(returningTo path: String) -> String {
        guard path != "/operator/" else { return "/operator/login" }
        var unreserved = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7F}"))
        unreserved.insert(charactersIn: "-._~/")
        return "/operator/login?\(field)=" + (path.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")
    }
}

/// What an operator typed in a case page's form when her session had ended: the case page's path, the action
/// posted (`stato`, `importo`, `messaggi`) and its text fields, carried through the login form as `bozza-…`
/// fields and shown once in the form of the case page after the login (``CaseDrafts``).
struct CaseDraft: Sendable, Equatable {
    /// The daemon path of the case page (`/operator/prova/pratiche/2026-0000001`).
    var page: String
    /// The last segment of the path posted to.
    var action: String
    /// The posted text fields by name: `stato`, `motivo`, `importo`, `testo`, `versione`.
    var values: [String: String]

    /// The case actions whose text is kept, and their fields.
    static let fields = [
        "stato": ["stato", "motivo", "versione"], "importo": ["importo", "motivo", "versione"],
        "messaggi": ["testo"],
    ]
    /// The prefix of the kept fields in the login form, apart from its own.
    static let prefix = "bozza-"

    /// The draft of a post to `path` (a daemon path) with `form`, when it is a case action with something typed.
    init?(posted path: String, form: PostedForm) {
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count == 5, segments[0] == "operator", segments[2] == "pratiche",
            let names = Self.fields[segments[4]]
        else { return nil }
        page = "/" + segments[0..<4].joined(separator: "/")
        action = segments[4]
        values = names.reduce(into: [:]) { values, name in values[name] = form.values[name]?.first }
        guard values.values.contains(where: { !$0.isEmpty }) else { return nil }
    }

    /// The draft the login form carried back (`bozza-azione` and the `bozza-` fields), for the page it returns
    /// to; `nil` when that page is not the case page of a kept action.
    init?(login form: PostedForm, page: String) {
        guard let action = form.values[Self.prefix + "azione"]?.first, let names = Self.fields[action],
            page.split(separator: "/").count == 4, page.split(separator: "/")[2] == "pratiche"
        else { return nil }
        self.page = page
        self.action = action
        values = names.reduce(into: [:]) { values, name in values[name] = form.values[Self.prefix + name]?.first }
    }

    /// The hidden fields of the login form that carry this draft.
    var loginFields: [(name: String, value: String)] {
        [(Self.prefix + "azione", action)]
            + values.sorted { $0.key < $1.key }.map { (Self.prefix + $0.key, $0.value) }
    }
}

/// The drafts waiting for the first view of their case page after a login, by session id: one per session,
/// taken once, kept at most ``lifetime`` (in memory: a restart ends the sessions anyway).
actor CaseDrafts {
    /// Ten minutes: the next page after a login comes at once.
    static let lifetime: TimeInterval = 600

    private var drafts: [String: (draft: CaseDraft, at: Date)] = [:]

    /// Keeps `draft` for the session `id`.
    func keep(_ draft: CaseDraft, for id: SessionID, now: Date) {
        drafts = drafts.filter { now.timeIntervalSince($0.value.at) < Self.lifetime }
        drafts[id.value] = (draft, now)
    }

    /// The draft of session `id` for `page`, removed; `nil` for another page (which drops it too: the operator
    /// went elsewhere) or none.
    func take(for id: SessionID, page: String, now: Date) -> CaseDraft? {
        guard let kept = drafts.removeValue(forKey: id.value), now.timeIntervalSince(kept.at) < Self.lifetime,
            kept.draft.page == page
        else { return nil }
        return kept.draft
    }
}

/// A post that came without a live session (``OperatorController/postingSession(of:form:)``): the login
/// form answers it (``LoginReturnMiddleware``).
struct SessionEnded: Error {
    /// The page to go back to after the login (a daemon path, ``LoginReturn/path(_:)``).
    var page: String?
    var draft: CaseDraft?
}

/// The back office's part of ``LoginReturn``: answers ``SessionEnded`` with the login form (403: nothing was
/// done), and gives a `GET`'s redirect to the login page the request's own address in `dopo-accesso`
/// (``LoginReturn/loginAddress(returningTo:)``). The handlers keep answering `303 /operator/login`: this one place
/// adds the address to all of them.
struct LoginReturnMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    let operators: OperatorController

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            var response = try await next(request, context)
            if request.method == .get, response.status == .seeOther,
                response.headers[.location] == operators.redirect.path("/operator/login"),
                let back = LoginReturn.path(request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
            {
                response.headers[.location] = operators.redirect.path(LoginReturn.loginAddress(returningTo: back))
            }
            return response
        } catch let ended as SessionEnded {
            return try await operators.loginPage(
                .forbidden, name: "",
                error: "La sessione è scaduta: accedi di nuovo."
                    + (ended.draft == nil
                        ? ""
                        : " Quello che avevi scritto non è stato salvato: dopo l'accesso lo ritrovi nel modulo "
                            + "della pratica, da controllare e inviare di nuovo."),
                back: ended.page, draft: ended.draft)
        }
    }
}

extension OperatorController {
    /// The draft kept at the login for this view of a case page, as the case page shows it: the text back in
    /// the form it was typed in, with a note saying nothing was saved, and who changed the case meanwhile when
    /// the version the draft's page showed (`versione`) is no longer the case's. `nil` without a draft.
    func restoredDraft(session: OperatorSession, runtime: PortalRuntime, number: String) async throws -> CaseRefusal? {
        let page = "/operator/\(runtime.portal.id)/pratiche/\(number)"
        guard let draft = await drafts.take(for: session.id, page: page, now: clock()) else { return nil }
        var note =
            "La sessione era scaduta e non è stato salvato nulla: qui c'è quello che avevi scritto. "
            + "Controllalo e premi di nuovo il pulsante per inviarlo."
        if let seen = draft.values["versione"], let version = try await runtime.database.caseVersion(number: number),
            seen != version.token
        {
            let who = version.latest.map { " da \($0.actor) il \(Pages.dateTime($0.at)) (\($0.what))" } ?? ""
            note +=
                " Attenzione: la pratica è stata modificata\(who) dopo che avevi aperto la pagina; guarda lo "
                + "stato attuale prima di decidere."
        }
        let value = { (name: String) in draft.values[name] ?? "" }
        switch draft.action {
        case "stato": return .workflow(note, typed: (value("stato"), value("motivo")))
        case "importo": return .benefit(note, typed: value("importo"))
        default: return .message(note, typed: value("testo"))
        }
    }
}
