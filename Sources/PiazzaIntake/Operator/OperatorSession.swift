/// A logged-in back-office user, as the operator routes see them.
struct OperatorSession: Sendable {
    let id: SessionID
    let name: String
    let role: Role
    /// The portals listed for an operator, tutor or shop staff; empty for an admin.
    let portals: [String]
    /// Shop staff's shop: its partita IVA, 11 digits; `nil` for every other role.
    let merchant: String?
    /// The token every form of this session posts back (``ConstantTime/equal(_:_:)``).
    let csrf: String

    /// The one rule of portal isolation (PRODUCT.md §8): an admin reaches every portal served, an
    /// operator the portals listed for them; a tutor no case data (only their own slots, with bookings),
    /// shop staff none either (only their shop's redemptions, ``redeemsVouchers(portal:)``).
    func reaches(portal: String) -> Bool {
        switch role {
        case .admin: true
        case .operator: portals.contains(portal)
        case .tutor, .merchant: false
        }
    }
}
