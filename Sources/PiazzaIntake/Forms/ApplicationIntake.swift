import Foundation
import Hummingbird
import Logging
import PiazzaContent
import PiazzaRender

/// Reading, validating and storing an application: the one path of the citizen's online form
/// (``FormsController``) and of the operator's assisted submission (`OperatorController+Assisted`),
/// which differ only in who sends it (PRODUCT.md §1: the "assisted" channel, recorded as such).
struct ApplicationIntake: Sendable {
    let limits: DaemonConfig.Limits
    let metrics: IntakeMetrics
    let secret: SecretKey
    let logger: Logger

    /// Who sends an application.
    enum Submitter: Sendable, Hashable {
        /// The citizen, through the published form.
        case citizen
        /// An operator, on the citizen's behalf, named in the first history event and the audit log.
        case `operator`(name: String)

        var channel: SubmissionChannel {
            switch self {
            case .citizen: .online
            case .operator: .assisted
            }
        }
    }

    /// What ``submit(_:form:runtime:by:at:)`` did.
    enum Outcome: Sendable {
        /// Not valid, nothing stored: the values to show again (with a `_key`, a new one when none was
        /// posted, so the corrected post stays idempotent) and the problems by posted name.
        case invalid(values: [String: [String]], errors: [FieldError])
        /// Stored now, or the receipt of the same submission stored before.
        case stored(StoredReceipt)
    }

    /// The post read by ``PostedForm/read(_:limits:fileLimit:byteLimit:portal:keepsOversized:back:)`` with the
    /// form's limits, files not kept whole returned without their bytes; a post too large is counted.
    ///
    /// - Parameters:
    ///   - extra: the longest value, in UTF-8 bytes, of names read besides the form's own (the back office's
    ///     `_csrf`); any other name is never read.
    ///   - back: the page the post came from, linked from the 413 and 400 pages.
    /// - Throws: ``PageError`` 413, 400 or 415 from the reader.
    func read(
        _ request: Request, form: FormDefinition, portal: String, extra: [String: Int] = [:],
        back: MessagePage.Link? = nil
    ) async throws -> PostedForm {
        // A citizen's post has no extra names: no lookup in an empty dictionary (which hashes the name) per value.
        let byteLimit: (String) -> Int?
        if extra.isEmpty {
            byteLimit = { form.postedByteLimit(forName: $0) }
        } else {
            byteLimit = { extra[$0] ?? form.postedByteLimit(forName: $0) }
        }
        do {
            return try await PostedForm.read(
                request, limits: limits, fileLimit: limits.fileBytes, byteLimit: byteLimit, portal: portal,
                keepsOversized: true, back: back)
        } catch let error as PageError where error.status == .contentTooLarge {
            metrics.count(.tooLarge, portal: portal, form: form.id)
            throw error
        }
    }

    /// The errors of the files of `posted` whose bytes were not kept (``PostedForm/File/isWhole``: over
    /// `limits.fileBytes`, or past `limits.bodyBytes` of the post): each at its field, naming the lower of the
    /// field's limit and the daemon's (``PostedForm/File/refusal(_:bodyBytes:)``), so that the form comes back
    /// with what was typed instead of a 413.
    private func unkeptErrors(_ posted: PostedForm, form: FormDefinition) -> [FieldError] {
        posted.files.filter { !$0.value.isWhole }.sorted { $0.key < $1.key }.map { name, file in
            let field = form.field(postedName: name)
            let rule = FileRule(
                accept: field?.file?.accept, maxBytes: min(field?.file?.maxBytes ?? limits.fileBytes, limits.fileBytes))
            return FieldError(
                .file, name: name, label: field?.label ?? name,
                message: file.refusal(rule, bodyBytes: limits.bodyBytes) ?? "")
        }
    }

    /// Validates `posted` against `form` and, when valid, runs the automatic checks and stores the
    /// application durably with `submitter`'s channel; each outcome is counted.
    ///
    /// - Throws: ``PageError/notStored(portal:)`` when storage fails (logged without personal data).
    func submit(
        _ posted: PostedForm, form: FormDefinition, runtime: PortalRuntime, by submitter: Submitter, at now: Date
    ) async throws -> Outcome {
        let portal = runtime.portal.id
        let submission = FormSubmission(values: posted.values, files: posted.files.mapValues(\.metadata))
        let application: ValidatedApplication
        var outcome = form.validate(submission, now: now)
        let oversized = unkeptErrors(posted, form: form)
        if !oversized.isEmpty {
            // A file not kept came without its bytes: its error replaces any other at that field.
            let names = Set(oversized.map(\.name))
            var others: [FieldError] = []
            if case .invalid(let errors) = outcome { others = errors.filter { !names.contains($0.name) } }
            outcome = .invalid(others + oversized)
        }
        switch outcome {
        case .invalid(let errors):
            metrics.count(.invalid, portal: portal, form: form.id)
            var values = form.echoedValues(of: submission)
            if values["_key"]?.first?.isEmpty ?? true { values["_key"] = [RandomToken.make()] }
            return .invalid(values: values, errors: errors)
        case .valid(let valid):
            application = valid
        }
        let checks = runtime.checks(for: form)
        do {
            var draft = ApplicationDraft(
                formID: form.id, submittedAt: now, channel: submitter.channel, application: application,
                checks: checks.evaluate(application, submittedAt: now), household: checks.householdCheck(application),
                fiscalCodes: form.applicantFiscalCodes(application), benefitCents: checks.benefitCents(application),
                idempotencyKey: {
                    secret.submissionKey(posted.values["_key"]?.first ?? "", portal: portal, form: form, answers: $0)
                },
                uploads: application.files.compactMap { name, file in
                    posted.files[name].map { ApplicationDraft.Upload(field: name, file: file, bytes: $0.bytes) }
                })
            if case .operator(let name) = submitter { draft.assistedBy = name }
            draft.retentionEnds = checks.retentionEnds
            let receipt = try await runtime.database.storeApplication(draft)
            if receipt.isNew {
                metrics.count(.stored, portal: portal, form: form.id)
                logger.info(
                    "application stored",
                    metadata: [
                        "portal": "\(portal)", "form": "\(form.id)", "number": "\(receipt.number)",
                        "channel": "\(submitter.channel.rawValue)",
                    ])
            } else {
                metrics.count(.duplicate, portal: portal, form: form.id)
            }
            return .stored(receipt)
        } catch {
            logger.error(
                "application not stored",
                metadata: ["portal": "\(portal)", "form": "\(form.id)", "error": "\(type(of: error))"])
            metrics.count(.failed, portal: portal, form: form.id)
            throw PageError.notStored(portal: portal)
        }
    }
}
