import Foundation
import PiazzaContent

/// Everything stored for one valid submission, as the checks and the form left it.
///
/// Storage adds what only it can give: the receipt token, the numero pratica, the upload file
/// names, and the household result, which needs the earlier applications.
struct ApplicationDraft: Sendable {
    /// An uploaded file and its bytes, written under `uploads/` before the row that points at it.
    struct Upload: Sendable {
        /// The posted name of the form field.
        var field: String
        var file: UploadedFile
        var bytes: Data
    }

    /// The one-application-per-household check, which needs the database: it runs inside the
    /// write transaction, so that two simultaneous applications of one household are caught.
    struct Household: Sendable {
        /// The measure (or form) and its bando window: earlier applications count only within it.
        var scope: String
        /// The household's de-omocodified codici fiscali, at least one.
        var fiscalCodes: [String]
        /// How many earlier numeri pratica `result` needs.
        var earlierLimit: Int
        /// The check result, given the numeri pratica of earlier applications sharing a member
        /// (oldest first, at most `earlierLimit`).
        var result: @Sendable (_ earlierNumbers: [String]) -> CheckResult
    }

    var formID: String
    let submittedAt: Date
    /// The year in Rome of `submittedAt`, whose counter gives the numero pratica: found here, not on the
    /// single writer's thread.
    let year: Int
    var channel: SubmissionChannel
    /// The validated answers, encoded once for the key and the row.
    var answers: StoredAnswers
    /// The results of the checks that need only the application.
    var checks: [CheckResult]
    /// `nil` when the form has no household rule, or the application names nobody.
    var household: Household?
    /// The applicant's de-omocodified codici fiscali, for the queue's search
    /// (``FormDefinition/applicantFiscalCodes(_:)``).
    var fiscalCodes: [String]
    var benefitCents: Int?
    /// The keyed hash that identifies a repeat of this very submission (same form, key and answers),
    /// computed over the answers' stored text.
    var idempotencyKey: String
    var uploads: [Upload]
    /// The operator who sent it on the citizen's behalf (channel ``SubmissionChannel/assisted``):
    /// named in the first history event and the audit log. `nil` when the citizen sent it.
    var assistedBy: String?
    /// When the case is to be anonymised, from its form's rule at submission (``FormDefinition/retentionEnds``:
    /// the window's `closes` plus `retention_years`), stored with it so that a later change of the form
    /// does not move it. `nil`: the next retention pass fixes it from the rule of that day.
    var retentionEnds: Date?

    /// Encodes the answers as the row stores them, and computes the idempotency key over that text.
    ///
    /// - Parameter idempotencyKey: the key of the submission, given the stored text of its answers.
    init(
        formID: String, submittedAt: Date, channel: SubmissionChannel, application: ValidatedApplication,
        checks: [CheckResult], household: Household?, fiscalCodes: [String], benefitCents: Int?,
        idempotencyKey: (_ storedAnswers: String) -> String, uploads: [Upload]
    ) {
        self.formID = formID
        self.submittedAt = submittedAt
        year = ContentDateTime.romeDay(of: submittedAt).year
        self.channel = channel
        answers = StoredAnswers(application)
        self.checks = checks
        self.household = household
        self.fiscalCodes = fiscalCodes
        self.benefitCents = benefitCents
        self.idempotencyKey = idempotencyKey(answers.text)
        self.uploads = uploads
    }
}
