extension Portal {
    /// A booking calendar by id.
    public func calendar(id: String) -> CalendarDefinition? { calendars.first { $0.id == id } }

    /// The published path of a calendar's page, relative to the portal root.
    public static func calendarURL(id: String) -> String { "prenotazioni/\(id)/" }

    /// A slot's booking address on the daemon, from the daemon's root: `/bookings/{portal}/{calendar}/{slot}`.
    /// The published calendar posts to it under `intake_url` (``bookingAction(for:slot:)``); the daemon's own
    /// pages under its path.
    public func bookingPath(for calendar: CalendarDefinition, slot: Slot) -> String {
        "/bookings/\(id)/\(calendar.id)/\(slot.id)"
    }

    /// Where a slot's booking form posts: `{intake_url}/bookings/{portal}/{calendar}/{slot}` (``bookingPath(for:slot:)``).
    public func bookingAction(for calendar: CalendarDefinition, slot: Slot) -> String {
        config.intakeURL + bookingPath(for: calendar, slot: slot)
    }

    /// Where the calendar page's script reads the seats left now:
    /// `{intake_url}/bookings/{portal}/{calendar}/availability.json`.
    public func availabilityURL(for calendar: CalendarDefinition) -> String {
        "\(config.intakeURL)/bookings/\(id)/\(calendar.id)/availability.json"
    }
}
