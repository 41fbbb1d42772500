import PiazzaContent

extension SecretKey {
    /// What identifies a submission, so that sending it again returns its receipt: HMAC-SHA256,
    /// with the daemon's secret (the stored value reveals nothing of the answers), of the portal,
    /// the form and the opening of its bando window, the one-time `_key` of the page (empty
    /// without JavaScript), and the validated answers as stored (upload digests included).
    ///
    /// The same key and answers (a double click, a resent request) find the first receipt. The
    /// same key with other answers (a page reused by another citizen at a shared computer, or
    /// corrected and sent again) is a new application, which the household check (where the form
    /// has one) flags: an application is never dropped, and nobody is shown someone else's receipt.
    /// A key alone is not a valid application, so it never reaches the lookup.
    func submissionKey(_ oneTimeKey: String, portal: String, form: FormDefinition, answers: String) -> String {
        // Each part is a slug, a timestamp or hex, and the answers (JSON) come last: no separator ambiguity.
        let parts = [
            "application", portal, form.id, Timestamp.string(form.opens.instant), Hex.string(oneTimeKey.utf8), answers,
        ]
        return mac(parts, separator: 0)
    }
}
