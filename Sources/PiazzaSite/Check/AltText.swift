import Foundation
import PiazzaContent

/// An image's alternative text that a screen reader reads out without telling what the image shows (WCAG 2.1
/// success criterion 1.1.1; technique F30 lists a file name or a placeholder as its failure).
enum AltText {
    /// What is wrong with an alternative text.
    enum Fault: Equatable {
        /// Blank or nothing but punctuation and symbols (`-`, `...`, `*`): read as nothing, or as "trattino".
        case empty
        /// A file name: the image's own (`logo.svg`, `logo`), any name ending in an image extension
        /// (`IMG_1234.JPG`), or a camera's or a screenshot's name (`DSC_0042`, `Schermata 2026-11-02`).
        case fileName
        /// A word that says there is an image, not what it shows (`immagine`, `foto 2`, `image`).
        case placeholder
    }

    /// Extensions of image files, as cameras, phones and editors name them (lower case); wider than what a page
    /// may show (``ContentAudit/imageExtensions``): an alternative text copied from any of them is a file name.
    static let fileExtensions: Set<String> = ContentAudit.imageExtensions.union([
        "bmp", "heic", "heif", "jfif", "jpe", "tif", "tiff", "psd", "raw", "ico", "eps",
    ])

    /// Words that say an image is there, folded (``Swift/String/caseAndDiacriticFolded``), each also with a number
    /// after it (`immagine 1`, `foto2`).
    static let placeholders: Set<String> = [
        "immagine", "immagini", "foto", "fotografia", "figura", "icona", "logo", "logotipo", "grafica", "banner",
        "illustrazione", "testo alternativo", "descrizione", "didascalia", "image", "img", "picture", "pic",
        "photo", "icon", "graphic", "alt", "alt text", "placeholder", "todo", "xxx",
    ]

    /// Beginnings of the names cameras, phones and screenshot tools give files (folded): `IMG_20261102`,
    /// `DSC01234`, `PXL_2026…`, `Schermata 2026-11-02 alle 10.15.02`, `Screenshot 2026-…`.
    static let generatedNames = ["img", "dsc", "dscn", "dscf", "pxl", "wp", "screenshot", "schermata", "scan"]

    /// The fault of `text` as the alternative text of the image at `destination` (as written in the link), or `nil`
    /// when it may describe the image.
    static func fault(of text: String, destination: String) -> Fault? {
        let alt = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard alt.unicodeScalars.contains(where: CharacterSet.alphanumerics.contains) else { return .empty }
        let folded = alt.caseAndDiacriticFolded
        let word = folded.trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        let path = destination.prefix { $0 != "?" && $0 != "#" }
        let file = (path.removingPercentEncoding ?? String(path)).split(separator: "/").last.map(String.init) ?? ""
        let stem = file.split(separator: ".").dropLast().joined(separator: ".")
        if !file.isEmpty && (word == file.caseAndDiacriticFolded || word == stem.caseAndDiacriticFolded) {
            return .fileName
        }
        if let dot = word.lastIndex(of: "."), fileExtensions.contains(String(word[word.index(after: dot)...])) {
            return .fileName
        }
        if !word.contains(" ") && word.contains("_") { return .fileName }
        let letters = word.prefix { !$0.isNumber && $0 != "_" && $0 != "-" && $0 != " " }
        if generatedNames.contains(String(letters)) && word.dropFirst(letters.count).contains(where: \.isNumber) {
            return .fileName
        }
        let numbered = word.trimmingCharacters(in: .decimalDigits.union(.whitespaces).union(["#", ".", ":", "-"]))
        if placeholders.contains(word) || placeholders.contains(numbered) { return .placeholder }
        return nil
    }
}
