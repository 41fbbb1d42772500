import Foundation

extension MeasureInfo {
    /// Whether the measure's bando is open at `instant`: its form's window (Europe/Rome, to the
    /// minute) when the portal has the form, else the measure's own `opens`/`closes` days.
    public func windowState(in portal: Portal, at instant: Date) -> FormDefinition.WindowState {
        if let form = portal.form(id: form) { return form.windowState(at: instant) }
        let today = ContentDateTime.romeDay(of: instant)
        return today < opens ? .notYetOpen : today > closes ? .closed : .open
    }
}
