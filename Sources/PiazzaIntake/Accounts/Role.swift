/// What a back-office user may do (PRODUCT.md §8): the role decides which portals they reach.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Every portal served, and the accounts.
    case admin
    /// The portals listed for the user.
    case `operator`
    /// Only the attendance of their own slots (bookings), on the portals listed for them.
    case tutor
    /// Shop staff: only the voucher redemption pages of their shop (``UserRecord/merchant``), on its one portal.
    case merchant

    /// Whether the role is given portals one by one (`--portal`), rather than all of them.
    public var takesPortals: Bool { self != .admin }
}
