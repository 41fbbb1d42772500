import Hummingbird

/// The back office's cookies, one place for their attributes: `HttpOnly` (no script reads them),
/// `SameSite=Strict` (no other site's page sends them), `Path=/operator` (the citizens' pages never
/// see them; under `public_url`'s path when it has one), `Secure` when the daemon is reached over HTTPS (`https: true`). No `Max-Age`: they
/// end with the browser; the server ends the session earlier (idle timeout, logout).
struct OperatorCookies: Sendable {
    /// The session id (``SessionID``).
    static let session = "piazza_operatore"
    /// A random value whose signature the login form carries in `_csrf` (``loginToken(for:)``), so
    /// another site cannot log a browser into its own account.
    static let login = "piazza_accesso"

    let secure: Bool
    /// `/operator`, after `public_url`'s path (`/piazza/operator`).
    let path: String
    /// The daemon's key, which signs the login token.
    let secret: SecretKey

    /// The login form's `_csrf` for the login cookie `value`: HMAC-SHA256 of it under the daemon's key.
    /// A site that plants a `piazza_accesso` cookie (a sibling sub-domain can set one for the parent
    /// domain) cannot compute the token that goes with it, so a plain double submit of a value it chose
    /// is refused.
    func loginToken(for value: String) -> String {
        secret.mac(["operator-login", value], separator: 0)
    }

    /// Whether `token` (the posted `_csrf`) is the signature of the login cookie `value`, compared in
    /// constant time; never for a cookie that is not a ``RandomToken``.
    func acceptsLogin(cookie value: String?, token: String) -> Bool {
        guard let value, RandomToken.isWellFormed(value) else { return false }
        return ConstantTime.equal(token, loginToken(for: value))
    }

    /// `name=value` with the attributes above.
    func cookie(_ name: String, _ value: String) -> Cookie {
        Cookie(name: name, value: value, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The same cookie emptied and expired, for logout.
    func removal(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }
}
