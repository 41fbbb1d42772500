/// A slot that repeats every week on some days, between two dates (both included).
public struct Recurrence: Sendable, Hashable {
    /// The resource id.
    public var resource: String
    public var weekdays: Set<Weekday>
    /// Wall-clock times in Europe/Rome.
    public var start: ClockTime
    public var end: ClockTime
    public var from: ContentDate
    public var until: ContentDate
    /// Where the rule is written, for errors found while expanding it.
    public var location: SourceLocation
}

/// Days without slots: a holiday or a closure, for every resource or one.
public struct Closure: Sendable, Hashable {
    public var from: ContentDate
    public var until: ContentDate
    /// `nil` closes every resource.
    public var resource: String?
    /// Why, for the page (`Vacanze di Natale`).
    public var reason: String?

    /// Whether the closure covers a resource on a day.
    public func covers(_ date: ContentDate, resource: String) -> Bool {
        from <= date && date <= until && (self.resource == nil || self.resource == resource)
    }
}

/// One slot outside the weekly rules (an extra Saturday lesson).
public struct ExtraSlot: Sendable, Hashable {
    public var resource: String
    public var date: ContentDate
    public var start: ClockTime
    public var end: ClockTime
    public var location: SourceLocation
}
