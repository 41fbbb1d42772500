import ItalianIdentifiers

/// The istruttoria workflow (PRODUCT.md §8, issue 14 item 3): the one place that says which state
/// an application may move to from which, and which steps need a reason.
///
/// `inviata → presa in carico → richiesta integrazione → integrata → accolta | respinta | ritirata`:
/// - from `inviata` the office takes the case in charge;
/// - a case in charge, or integrated, is accepted, rejected or sent back for (another) integration;
/// - while an integration is requested the case becomes `integrata` (the citizen's reply), or is
///   rejected when no reply comes (L. 241/1990 art. 10-bis: the citizen was told why);
/// - the citizen may withdraw at any point before the outcome;
/// - `accolta`, `respinta` and `ritirata` are final.
///
/// A rejection and an integration request carry a reason: the citizen reads it on the receipt page.
enum Workflow {
    /// Longest reason kept, in characters (a paragraph or two, as on a letter).
    static let reasonLimit = 2000

    /// The states an application in `state` may move to, in the order the case page offers them.
    static func next(from state: ApplicationState) -> [ApplicationState] {
        switch state {
        case .submitted: [.takenInCharge, .withdrawn]
        case .takenInCharge, .integrated: [.integrationRequested, .accepted, .rejected, .withdrawn]
        case .integrationRequested: [.integrated, .rejected, .withdrawn]
        case .accepted, .rejected, .withdrawn: []
        }
    }

    /// Whether entering `state` needs a reason: the citizen must learn why (respinta) or what to send
    /// (richiesta integrazione).
    static func needsReason(_ state: ApplicationState) -> Bool {
        state == .rejected || state == .integrationRequested
    }

    /// A step the workflow refuses, with the message for the operator.
    struct Refusal: Error, Sendable, Equatable {
        /// Italian: what went wrong and what to do.
        let message: String
    }

    /// Checks the step `from → to` with the operator's `reason`.
    ///
    /// - Returns: the reason as ``TypedText/normalized(_:multiline:)`` gives it, `nil` when empty.
    /// - Throws: ``Refusal`` when the step is not allowed from `from`, when `to` needs a reason and
    ///   there is none, or when the reason does not fit ``reasonLimit`` (``TypedText/checkLength(_:limit:)``).
    static func check(from: ApplicationState, to: ApplicationState, reason: String?) throws(Refusal) -> String? {
        guard next(from: from).contains(to) else {
            let allowed = next(from: from).map { "«\(label(of: $0))»" }.joined(separator: ", ")
            let hint =
                allowed.isEmpty
                ? "Lo stato «\(label(of: from))» è definitivo."
                : "Può passare a: \(allowed). Ricarica la pagina per vedere lo stato attuale."
            throw Refusal(message: "Una pratica «\(label(of: from))» non può passare a «\(label(of: to))». " + hint)
        }
        let missing =
            needsReason(to)
            ? "Per «\(label(of: to))» scrivi il motivo: il cittadino lo legge sulla pagina della domanda." : nil
        let text = try note(reason, missing: missing)
        return text.isEmpty ? nil : text
    }

    /// A note typed on a case (a reason, a message, a reply) as it is kept: normalised like
    /// everything typed into a form (no bidi or invisible controls in what citizens and operators
    /// read), at most ``reasonLimit`` characters.
    ///
    /// - Parameter missing: the refusal's message when the note is empty; `nil` when it may be.
    /// - Throws: ``Refusal`` for an empty note that must be written, or one too long.
    static func note(_ typed: String?, missing: String?) throws(Refusal) -> String {
        let text = TypedText.normalized(typed ?? "", multiline: true)
        if let missing, text.isEmpty { throw Refusal(message: missing) }
        do { try TypedText.checkLength(text, limit: reasonLimit) } catch { throw Refusal(message: error.message) }
        return text
    }

    /// The state as the workflow's messages name it (the labels of the receipt).
    private static func label(of state: ApplicationState) -> String { Pages.stateLabel(state).lowercased() }
}
