import Foundation
import Hummingbird
import NIOCore
import PiazzaContent

extension IntakeApp {
    /// `POST /forms/{portal}/{form}`: validate, store durably, then 303 to the receipt.
    func submit(_ request: Request, context: IntakeContext) async throws -> Response {
        let portalID = context.parameters.get("portal") ?? ""
        let formID = context.parameters.get("form") ?? ""
        guard let runtime = runtimes[portalID] else {
            return message(.notFound, nil, "Pagina non trovata", "Questo indirizzo non corrisponde a nessun portale.")
        }
        guard let form = runtime.portal.form(id: formID) else {
            return message(
                .notFound, runtime, "Modulo non trovato", "Questo modulo non esiste. Cerca il servizio nel portale.")
        }
        let now = clock()
        switch form.windowState(at: now) {
        case .closed:
            metrics.count(.closed, portal: portalID, form: formID)
            return message(
                .gone, runtime, "Il bando è chiuso",
                "Il termine per presentare la domanda è scaduto il \(form.closes.longItalian). La domanda non è stata inviata."
            )
        case .notYetOpen:
            metrics.count(.closed, portal: portalID, form: formID)
            return message(
                .notFound, runtime, "Il bando non è ancora aperto",
                "Potrai presentare la domanda dal \(form.opens.longItalian). La domanda non è stata inviata.")
        case .open:
            break
        }
        guard await limiter.allow(clientAddress(request, context: context), now: now) else {
            metrics.count(.rateLimited, portal: portalID, form: formID)
            return message(
                .tooManyRequests, runtime, "Troppe richieste",
                "Abbiamo ricevuto troppi invii in poco tempo. Aspetta un minuto e riprova.", extra: [.retryAfter: "60"])
        }
        let limit = config.limits.bodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return tooLarge(runtime, form: form)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            return tooLarge(runtime, form: form)
        }
        let posted: PostedForm
        do {
            posted = try PostedForm.parse(
                contentType: request.headers[.contentType], body: body, fileLimit: config.limits.fileBytes)
        } catch {
            if error.code == .fileTooLarge { return tooLarge(runtime, form: form) }
            return message(
                error.code == .unsupportedType ? .unsupportedMediaType : .badRequest, runtime, "Modulo non valido",
                error.message)
        }
        if !(posted.values["sito_web"]?.allSatisfy(\.isEmpty) ?? true) {
            metrics.count(.honeypot, portal: portalID, form: formID)
            return seeOther("/grazie/\(portalID)")
        }
        // `_ts` is how long the page was open before it was sent, in milliseconds, measured by the
        // page's script on the citizen's own clock (so clock skew does not matter); without
        // JavaScript it is empty and the check is skipped.
        if let elapsed = posted.values["_ts"]?.first.flatMap(Double.init),
            elapsed >= 0, elapsed < Double(form.minFillSeconds) * 1000
        {
            metrics.count(.tooFast, portal: portalID, form: formID)
            return seeOther("/grazie/\(portalID)")
        }
        let submission = FormSubmission(values: posted.values, files: posted.files.mapValues(\.metadata))
        switch form.validate(submission, now: now) {
        case .invalid(let errors):
            metrics.count(.invalid, portal: portalID, form: formID)
            var values = posted.values
            if values["_key"]?.first?.isEmpty ?? true { values["_key"] = [RandomToken.make()] }
            return html(.unprocessableContent, try runtime.pages.form(form, values: values, errors: errors, now: now))
        case .valid(let application):
            return try await store(application, posted: posted, runtime: runtime, form: form, now: now)
        }
    }

    /// Stores a valid application, or answers with the receipt of the same submission sent before.
    private func store(
        _ application: ValidatedApplication, posted: PostedForm, runtime: PortalRuntime, form: FormDefinition,
        now: Date
    ) async throws -> Response {
        let checks = ApplicationChecks(form: form, portal: runtime.portal.config)
        let oneTimeKey = posted.values["_key"]?.first ?? ""
        do {
            let draft = ApplicationDraft(
                formID: form.id, submittedAt: now, channel: .online, application: application,
                checks: checks.evaluate(application, submittedAt: now), household: checks.householdCheck(application),
                benefitCents: checks.benefitCents(application),
                idempotencyKey: submissionKey(
                    oneTimeKey, portal: runtime.portal.id, form: form,
                    answers: try ApplicationRecord.storedText(of: application)),
                uploads: application.files.compactMap { name, file in
                    posted.files[name].map { ApplicationDraft.Upload(field: name, file: file, bytes: $0.bytes) }
                })
            let receipt = try await runtime.database.storeApplication(draft)
            if receipt.isNew {
                metrics.count(.stored, portal: runtime.portal.id, form: form.id)
                logger.info(
                    "application stored",
                    metadata: ["portal": "\(runtime.portal.id)", "form": "\(form.id)", "number": "\(receipt.number)"])
            } else {
                metrics.count(.duplicate, portal: runtime.portal.id, form: form.id)
            }
            return seeOther("/r/\(receipt.token)")
        } catch {
            metrics.count(.failed, portal: runtime.portal.id, form: form.id)
            logger.error(
                "application not stored",
                metadata: ["portal": "\(runtime.portal.id)", "form": "\(form.id)", "error": "\(type(of: error))"])
            return message(
                .serviceUnavailable, runtime, "Domanda non salvata",
                "Non siamo riusciti a salvare la domanda: non è stata inviata. Riprova tra qualche minuto.",
                extra: [.retryAfter: "120"])
        }
    }

    private func tooLarge(_ runtime: PortalRuntime, form: FormDefinition) -> Response {
        metrics.count(.tooLarge, portal: runtime.portal.id, form: form.id)
        let megabytes = max(1, config.limits.bodyBytes / 1_048_576)
        return message(
            .contentTooLarge, runtime, "Invio troppo grande",
            "Il modulo con gli allegati supera \(megabytes) MB, oppure un file supera il limite. Riduci i file (per esempio una foto meno grande o un PDF) e invia di nuovo. La domanda non è stata inviata."
        )
    }

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
        return secret.mac(parts.joined(separator: "\u{0}"))
    }
}
