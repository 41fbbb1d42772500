/// What an audit entry records (PRODUCT.md §8: every operator read, change and export), stored by its
/// raw value in `audit_log.action`.
///
/// Logins go to the users database's log (one chain for every portal, since an account is not a
/// portal's); everything about a portal's cases goes to that portal's log.
enum AuditAction: String, Sendable, Hashable, CaseIterable {
    /// A user logged in (users database).
    case login
    /// A login was refused: wrong name or password, or a disabled account (users database).
    case loginFailed = "login_failed"
    /// A login was refused before checking the password: too many failures (users database).
    case loginLocked = "login_locked"
    /// A user logged out (users database).
    case logout
    /// A case page was read.
    case viewCase = "view_case"
    /// A page listing cases or what people did was read (the queue, the payments list, the dashboard,
    /// attendance, rendicontazione, feedback); the detail names it with its filters, never a codice
    /// fiscale searched (``QueueFilter/auditDescription``).
    case viewPage = "view_page"
    /// A case moved along the workflow; the detail is the new state.
    case changeState = "change_state"
    /// The benefit amount was changed; the detail is the new amount in cents.
    case changeBenefit = "change_benefit"
    /// An operator sent an application on a citizen's behalf (channel assisted); the detail is the form.
    case submitAssisted = "submit_assisted"
    /// A message was written to the citizen.
    case message
    /// A payment was recorded; the detail is its reference.
    case payment
    /// Attendance was marked for a slot's bookings; the detail is the calendar, the slot and how
    /// many bookings were marked as what (never who).
    case markAttendance = "mark_attendance"
    /// An upload was downloaded; the detail is the file's id.
    case download
    /// A list of cases left the daemon (CSV, JSON), from the back office or from `piazza report` or
    /// `piazza merchants export`; the detail says which.
    case export
    /// Retention anonymised a case; the actor is `retention`.
    case anonymise
    /// An admin exported everything held about one codice fiscale (GDPR art. 15); the detail is the
    /// count of cases, never the code itself.
    case subjectAccess = "subject_access"
    /// An admin read this audit log.
    case viewAudit = "view_audit"
    /// Accepting a case of a voucher measure issued its voucher; the detail is the amount in cents.
    case issueVoucher = "issue_voucher"
    /// Accepting a shop's enrolment made it a merchant; the detail is its partita IVA.
    case enrolMerchant = "enrol_merchant"
    /// Shop staff redeemed a voucher; the case is the voucher's, the detail the redemption's id, amount in
    /// cents and the shop's partita IVA.
    case redeemVoucher = "redeem_voucher"
    /// Shop staff voided a redemption; the detail as for ``redeemVoucher``.
    case voidRedemption = "void_redemption"
    /// An admin closed a period of voucher redemptions as reimbursed to the shops; the detail is the
    /// period (`2026-11-01/2026-11-30`), the number of shops and the total in cents.
    case closeReimbursement = "close_reimbursement"
    /// `piazza user add` created an account (users database); the detail is its name, role, portals and,
    /// for shop staff, the shop's partita IVA.
    case addUser = "add_user"
    /// `piazza user passwd` set an account's password (users database); the detail is the account's name.
    case changePassword = "change_password"
    /// `piazza user disable` disabled an account (users database); the detail is the account's name.
    case disableUser = "disable_user"
    /// `piazza user enable` let a disabled account log in again (users database); the detail is its name.
    case enableUser = "enable_user"
    /// `piazza user set` changed an account's role, portals or shop (users database); the detail is as
    /// for ``addUser``, with the values after the change.
    case changeUser = "change_user"
    /// `piazza backup` copied the database (each portal's log, and the users database's for a full
    /// backup); the detail is the backup folder's name.
    case backup

    /// What the back office's audit page says, in Italian.
    var label: String {
        switch self {
        case .login: "Accesso"
        case .loginFailed: "Accesso non riuscito"
        case .loginLocked: "Accesso bloccato (troppi tentativi)"
        case .logout: "Uscita"
        case .viewCase: "Lettura della pratica"
        case .viewPage: "Consultazione di un elenco"
        case .changeState: "Cambio di stato"
        case .changeBenefit: "Modifica dell'importo"
        case .submitAssisted: "Domanda inviata per conto del cittadino"
        case .message: "Messaggio al cittadino"
        case .payment: "Pagamento registrato"
        case .markAttendance: "Presenze segnate"
        case .download: "Scaricamento di un allegato"
        case .export: "Esportazione"
        case .anonymise: "Anonimizzazione (conservazione scaduta)"
        case .subjectAccess: "Esportazione dei dati di un interessato"
        case .viewAudit: "Lettura del registro"
        case .issueVoucher: "Buono spesa emesso"
        case .enrolMerchant: "Negozio iscritto ai buoni spesa"
        case .redeemVoucher: "Buono spesa incassato da un negozio"
        case .voidRedemption: "Incasso di un buono annullato dal negozio"
        case .closeReimbursement: "Periodo di buoni spesa chiuso come rimborsato"
        case .addUser: "Utente aggiunto"
        case .changePassword: "Password di un utente cambiata"
        case .disableUser: "Utente disattivato"
        case .enableUser: "Utente riattivato"
        case .changeUser: "Ruolo o portali di un utente cambiati"
        case .backup: "Copia di sicurezza dei dati"
        }
    }
}
