import Foundation
import PiazzaContent
import PiazzaSite
import Testing

/// An alternative text that a screen reader reads out without telling what the image shows (finding 15 of session 13;
/// WCAG 2.1 F30): a file name or a placeholder word is a warning at the image, text with no letter an error.
@Suite("piazza check reads images' alternative text")
struct AltTextCheckTests {
    static let fix = "write what it shows between the brackets, e.g. ![Mappa della sede](../static/logo.svg)"

    static func fileName(_ alt: String) -> String {
        "warning: image '../static/logo.svg' has the file name «\(alt)» as alternative text, which a screen reader reads out as it is (WCAG 2.1, F30); \(fix)"
    }

    static func placeholder(_ alt: String) -> String {
        "warning: image '../static/logo.svg' has «\(alt)» as alternative text, which says there is an image but not what it shows (WCAG 2.1, F30); \(fix)"
    }

    @Test(
        "a file name, a camera's or a screenshot's name, a placeholder word or text without letters is told at the image",
        arguments: [
            ("![logo.svg](../static/logo.svg)", "6:1: " + fileName("logo.svg")),
            ("![Logo](../static/logo.svg)", "6:1: " + fileName("Logo")),
            ("Vedi ![IMG_2041.JPG](../static/logo.svg)", "6:6: " + fileName("IMG_2041.JPG")),
            ("![foto-festa.jpeg](../static/logo.svg)", "6:1: " + fileName("foto-festa.jpeg")),
            ("![DSC01234](../static/logo.svg)", "6:1: " + fileName("DSC01234")),
            ("![foto_festa](../static/logo.svg)", "6:1: " + fileName("foto_festa")),
            (
                "![Schermata 2026-11-02 alle 10.15.02](../static/logo.svg)",
                "6:1: " + fileName("Schermata 2026-11-02 alle 10.15.02")
            ),
            ("Città: ![immagine](../static/logo.svg)", "6:8: " + placeholder("immagine")),
            ("![Foto 2](../static/logo.svg)", "6:1: " + placeholder("Foto 2")),
            ("![image](../static/logo.svg)", "6:1: " + placeholder("image")),
            ("![Immagine.](../static/logo.svg)", "6:1: " + placeholder("Immagine.")),
            ("![*icona*](../static/logo.svg)", "6:1: " + placeholder("icona")),
            (
                "![-](../static/logo.svg)",
                "6:1: error: image '../static/logo.svg' has «-» as alternative text, which says nothing; \(fix)"
            ),
            (
                "![...](../static/logo.svg)",
                "6:1: error: image '../static/logo.svg' has «...» as alternative text, which says nothing; \(fix)"
            ),
            ("![ ](../static/logo.svg)", "6:1: error: image '../static/logo.svg' has no alternative text; \(fix)"),
        ])
    func told(markdown: String, expected: String) throws {
        #expect(try audit(newsWith(markdown + "\n")) == ["vigonza/notizie/prova.md:" + expected])
    }

    @Test("a text that describes the image passes, whatever word it starts with")
    func describing() throws {
        let images = [
            "Il logo del Comune di Vigonza", "Foto della festa in piazza", "Mappa della sede, via Roma 1",
            "Immagine del municipio", "Logo 2026 della festa",
        ].map { "![\($0)](../static/logo.svg)" }
        #expect(try audit(newsWith(images.joined(separator: "\n\n") + "\n")) == [])
    }
}
