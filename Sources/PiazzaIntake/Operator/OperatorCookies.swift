import Hummingbird

/// The back office's cookies, one place for their attributes: `HttpOnly` (no script reads them),
/// `SameSite=Strict` (no other site's page sends them), `Path=/operator` (the citizens' pages never
/// see them; under `public_url`'s path when it has one), `Secure` when the daemon is reached over HTTPS (`https: true`). No `Max-Age`: they
/// end with the browser; the server ends the session earlier (idle timeout, logout). The device cookie
/// (``device``) alone lasts ``deviceAge``, and only the login form's path receives it.
struct OperatorCookies: Sendable {
    /// The session id (``SessionID``).
    static let session = "piazza_operatore"
    /// A random value whose signature the login form carries in `_csrf` (``loginToken(for:)``), so
    /// another site cannot log a browser into its own account.
    static let login = "piazza_accesso"
    /// The names that logged in with this browser (``LoginThrottle``, OWASP's device cookies): up to
    /// ``deviceEntries`` entries `nonce.signature`, newest first, joined by `-`; the signature is the
    /// HMAC-SHA256 of the name and the nonce under the daemon's key, so the name is never in the cookie
    /// and no entry can be made without the key.
    static let device = "piazza_dispositivo"
    /// A device cookie lasts 180 days after the last login of the browser (seconds).
    static let deviceAge = 180 * 24 * 3600
    /// Names remembered per browser: an office computer shared by a few operators keeps them all.
    static let deviceEntries = 5

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

    /// The nonce of the entry of `value` (the device cookie a login posted with) signed for `name`, compared
    /// in constant time; `nil` when none is.
    func device(in value: String?, for name: String) -> String? {
        for entry in Self.entries(value) {
            let parts = entry.split(separator: ".", maxSplits: 1).map(String.init)
            if ConstantTime.equal(parts[1], deviceSignature(name: name, nonce: parts[0])) { return parts[0] }
        }
        return nil
    }

    /// The device cookie after `name` logged in: a new entry for `name` first, then the other well-formed
    /// entries of `value` (other names'; the name's old one dropped), at most ``deviceEntries``.
    func deviceCookie(after value: String?, for name: String) -> Cookie {
        let old = device(in: value, for: name)
        let nonce = RandomToken.make()
        let kept = Self.entries(value).filter { !$0.hasPrefix((old ?? "-") + ".") }
        let entries = [nonce + "." + deviceSignature(name: name, nonce: nonce)] + kept
        return Cookie(
            name: Self.device, value: entries.prefix(Self.deviceEntries).joined(separator: "-"),
            maxAge: Self.deviceAge, path: path + "/login", secure: secure, httpOnly: true, sameSite: .strict)
    }

    private func deviceSignature(name: String, nonce: String) -> String {
        secret.mac(["operator-device", name, nonce], separator: 0)
    }

    /// The entries of a device cookie that have the shape `nonce.signature` (a ``RandomToken`` and 64 hex
    /// digits), so junk is neither checked nor kept.
    private static func entries(_ value: String?) -> [String] {
        (value ?? "").split(separator: "-").prefix(deviceEntries).map(String.init).filter { entry in
            let parts = entry.split(separator: ".", maxSplits: 1)
            return parts.count == 2 && RandomToken.isWellFormed(String(parts[0])) && parts[1].utf8.count == 64
                && parts[1].utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        }
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
