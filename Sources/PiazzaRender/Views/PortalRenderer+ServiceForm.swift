import PiazzaContent

extension PortalRenderer {
    /// The `form` of a service page's access section: the form's address and title, and where its bando stands
    /// at the renderer's clock, as the form's own page says it (`isOpen`, `notYetOpen`, `isClosed`, `opensText`,
    /// `closesText`): the page offers «Compila la domanda online» only while the bando takes applications, and
    /// says when it opens or since when it is closed otherwise (findings-s13 #19).
    ///
    /// - Parameter url: the form page's address relative to the service page.
    func serviceFormContext(_ form: FormDefinition, url: String) -> [String: Any] {
        let state = form.windowState(at: now)
        return [
            "url": url, "title": form.title, "isOpen": state == .open, "notYetOpen": state == .notYetOpen,
            "isClosed": state == .closed, "opensText": form.opens.longItalian, "closesText": form.closes.longItalian,
        ]
    }
}
