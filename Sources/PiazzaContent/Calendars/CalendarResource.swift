/// Who or what a slot is with: a tutor, a room, a guide.
public struct CalendarResource: Sendable, Hashable, Identifiable {
    /// `a-z`, `0-9` and `-`; the end of every slot id (`…-tutor-anna`).
    public var id: String
    /// What citizens read: `Anna, tutor`.
    public var name: String
    /// Where the slots take place, if the resource has a fixed place.
    public var place: String?
    /// Seats of this resource's slots, when they differ from the calendar's `capacity`.
    public var capacity: Int?
    /// The back-office user name (`piazza user add --role tutor`) who marks the attendance of this
    /// resource's slots: a tutor sees only the slots of the resources naming them.
    public var account: String?
}
