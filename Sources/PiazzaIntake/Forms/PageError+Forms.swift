import Hummingbird
import PiazzaContent
import PiazzaRender

/// The pages of a form post that is refused, with what the citizen can do next.
extension PageError {
    static func unknownPortal() -> PageError {
        PageError(.notFound, portal: nil, "Pagina non trovata", "Questo indirizzo non corrisponde a nessun portale.")
    }

    static func unknownForm(portal: String) -> PageError {
        PageError(
            .notFound, portal: portal, "Modulo non trovato", "Questo modulo non esiste. Cerca il servizio nel portale.")
    }

    static func closed(_ form: FormDefinition, portal: String) -> PageError {
        PageError(
            .gone, portal: portal, "Il bando è chiuso",
            "Il termine per presentare la domanda è scaduto il \(form.closes.longItalian). La domanda non è stata inviata."
        )
    }

    static func notYetOpen(_ form: FormDefinition, portal: String) -> PageError {
        PageError(
            .notFound, portal: portal, "Il bando non è ancora aperto",
            "Potrai presentare la domanda dal \(form.opens.longItalian). La domanda non è stata inviata.")
    }

    static func rateLimited(portal: String) -> PageError {
        PageError(
            .tooManyRequests, portal: portal, "Troppe richieste",
            "Abbiamo ricevuto troppi invii in poco tempo. Aspetta un minuto e riprova.", headers: [.retryAfter: "60"])
    }

    /// A citizen's post over what the daemon reads (a form's post with its files far over `limits.body_bytes`, see
    /// ``PostedForm/readFactor``; any other post over it): nothing of it was read, what she typed neither.
    ///
    /// - Parameters:
    ///   - bodyBytes: `limits.body_bytes`, told as ``FileRule/byteText(_:)`` does (never more than accepted).
    ///   - back: the page she posted from (the form, the slot), linked under the text; the portal's home page is
    ///     always linked too.
    static func tooLarge(bodyBytes: Int, portal: String, back: MessagePage.Link? = nil) -> PageError {
        PageError(
            .contentTooLarge, portal: portal, "Invio troppo grande",
            "Quello che hai inviato supera di molto \(FileRule.byteText(bodyBytes)), il massimo che possiamo ricevere "
                + "in un invio con gli allegati: non è stato registrato nulla, nemmeno quello che hai scritto. Torna alla "
                + "pagina, compila di nuovo e allega file più piccoli (per esempio una foto meno grande o un PDF a "
                + "risoluzione più bassa).", link: back)
    }

    /// A back-office post over its limit (`operatorBytes`, shown in whole kilobytes): only a page
    /// altered or a text pasted many times over gets there.
    static func tooLarge(operatorBytes: Int) -> PageError {
        PageError(
            .contentTooLarge, portal: nil, "Invio troppo grande",
            "Il modulo inviato supera \(operatorBytes / 1024) KB, più di quanto questa pagina possa contenere: non è "
                + "stato salvato nulla. Torna indietro, ricarica la pagina e invialo di nuovo; se hai incollato un "
                + "testo molto lungo, accorcialo.")
    }

    /// A body that is not a form (400) or not of a form's type (415), with the parser's message.
    ///
    /// - Parameter back: the page the citizen posted from, linked under the message.
    static func unreadable(_ error: PostedForm.ParseError, portal: String, back: MessagePage.Link? = nil) -> PageError {
        PageError(
            error.code == .unsupportedType ? .unsupportedMediaType : .badRequest, portal: portal, "Modulo non valido",
            error.message, link: back)
    }

    static func notStored(portal: String) -> PageError {
        PageError(
            .serviceUnavailable, portal: portal, "Domanda non salvata",
            "Non siamo riusciti a salvare la domanda: non è stata inviata. Riprova tra qualche minuto.",
            headers: [.retryAfter: "120"])
    }
}
