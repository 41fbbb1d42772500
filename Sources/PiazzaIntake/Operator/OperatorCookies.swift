import Hummingbird

/// The back office's cookies, one place for their attributes: `HttpOnly` (no script reads them),
/// `SameSite=Strict` (no other site's page sends them), `Path=/operator` (the citizens' pages never
/// see them; under `public_url`'s path when it has one), `Secure` when the daemon is reached over HTTPS (`https: true`). No `Max-Age`: they
/// end with the browser; the server ends the session earlier (idle timeout, logout).
struct OperatorCookies: Sendable {
    /// The session id (``SessionID``).
    static let session = "piazza_operatore"
    /// A random value the login form repeats in `_csrf` (double submit), so another site cannot log
    /// a browser into its own account.
    static let login = "piazza_accesso"

    let secure: Bool
    /// `/operator`, after `public_url`'s path (`/piazza/operator`).
    let path: String

    /// `name=value` with the attributes above.
    func cookie(_ name: String, _ value: String) -> Cookie {
        Cookie(name: name, value: value, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The same cookie emptied and expired, for logout.
    func removal(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }
}
