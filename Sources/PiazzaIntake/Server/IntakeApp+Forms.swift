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
        let key = idempotencyKey(posted, portal: portalID, form: formID)
        if let token = try await runtime.database.pool.read({ db in try ApplicationStore.token(forKey: key, in: db) }) {
            metrics.count(.duplicate, portal: portalID, form: formID)
            return seeOther("/r/\(token)")
        }
        let submission = FormSubmission(values: posted.values, files: posted.files.mapValues(\.metadata))
        switch form.validate(submission, now: now) {
        case .invalid(let errors):
            metrics.count(.invalid, portal: portalID, form: formID)
            var values = posted.values
            if values["_key"]?.first?.isEmpty ?? true { values["_key"] = [RandomToken.make()] }
            return html(.unprocessableContent, try runtime.pages.form(form, values: values, errors: errors, now: now))
        case .valid(let application):
            return try await store(application, posted: posted, key: key, runtime: runtime, form: form, now: now)
        }
    }

    private func store(
        _ application: ValidatedApplication, posted: PostedForm, key: String, runtime: PortalRuntime,
        form: FormDefinition,
        now: Date
    ) async throws -> Response {
        let checks = ApplicationChecks(form: form, portal: runtime.portal.config)
        var files: [ApplicationDraft.File] = []
        do {
            for (name, file) in application.files {
                guard let bytes = posted.files[name]?.bytes else { continue }
                let stored = try runtime.uploads.store(bytes)
                files.append(
                    .init(
                        field: name, storedName: stored, originalName: file.filename, mime: file.detectedType ?? "",
                        size: file.size, sha256: file.sha256))
            }
            let draft = try ApplicationDraft(
                formID: form.id, token: RandomToken.make(), submittedAt: now, channel: "online",
                application: application, checks: checks.evaluate(application, submittedAt: now),
                householdScope: checks.householdScope, householdCodes: checks.householdCodes(application),
                benefitCents: checks.benefitCents(application), idempotencyKey: key, files: files)
            let receipt = try await runtime.committer.write { db in try ApplicationStore.insert(draft, in: db) }
            if receipt.isNew {
                metrics.count(.stored, portal: runtime.portal.id, form: form.id)
                logger.info(
                    "application stored",
                    metadata: ["portal": "\(runtime.portal.id)", "form": "\(form.id)", "number": "\(receipt.number)"])
            } else {
                metrics.count(.duplicate, portal: runtime.portal.id, form: form.id)
                runtime.uploads.remove(files.map(\.storedName))
            }
            return seeOther("/r/\(receipt.token)")
        } catch {
            runtime.uploads.remove(files.map(\.storedName))
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

    /// The one-time `_key` when posted, else a hash of the whole body; keyed with the secret so
    /// the stored value reveals nothing about the answers.
    func idempotencyKey(_ posted: PostedForm, portal: String, form: String) -> String {
        if let key = posted.values["_key"]?.first, !key.isEmpty {
            return secret.mac("key\u{0}\(portal)\u{0}\(form)\u{0}\(key)")
        }
        var canonical = ""
        for (name, values) in posted.values.sorted(by: { $0.key < $1.key }) where name != "_ts" {
            for value in values { canonical += "\(name)=\(value)\u{0}" }
        }
        for (name, file) in posted.files.sorted(by: { $0.key < $1.key }) { canonical += "\(name)@\(file.sha256)\u{0}" }
        return secret.mac("body\u{0}\(portal)\u{0}\(form)\u{0}\(canonical)")
    }
}
