import Foundation
import PiazzaContent
import PiazzaSite
import Testing

@Suite("Every error in a data file points at the line and column of the faulty header, cell, key or value")
struct DataFilePositionTests {
    @Test(
        "a bad header, cell, key or value of esercenti.csv, a form, a calendar or portal.yaml is an error at it",
        arguments: [
            (
                "vigonza/esercenti.csv", "name,partita_iva,category", "name,partita_iva,categoria",
                "vigonza/esercenti.csv:1:18: error: unknown column 'categoria'; did you mean 'category'?"
            ),
            (
                "vigonza/esercenti.csv", "01234560280,Alimentari", "01234560281,Alimentari",
                "vigonza/esercenti.csv:2:20: error: partita_iva '01234560281' is not valid: its last digit does not match the check digit; copy it from the shop's invoice or receipt"
            ),
            (
                "_shared/forms/misura-2.yaml", "{ name: cognome, type: text, label: Cognome, required: true",
                "{ name: cognome, type: txt, label: Cognome, requird: true",
                "_shared/forms/misura-2.yaml:19:32: error: `type` in field `cognome` is 'txt'; use one of: text, textarea, email, tel, date, number, money, select, radio, checkbox, consent, file, group, codice_fiscale, partita_iva, iban, cap, isee\n_shared/forms/misura-2.yaml:19:53: error: unknown key `requird` in field `cognome`; did you mean `required`?"
            ),
            (
                "vigonza/calendars/resta-al-passo.yaml", "weekdays: [venerdì], start: \"15:00\"",
                "weekdays: [venerdì, sabbato], start: \"15:70\"",
                "vigonza/calendars/resta-al-passo.yaml:16:50: error: 'sabbato' is not a day of the week; use: lunedì, martedì, mercoledì, giovedì, venerdì, sabato, domenica\nvigonza/calendars/resta-al-passo.yaml:16:67: error: `start` in a slot rule is '15:70', not a time; write HH:MM, e.g. 15:00"
            ),
            (
                "vigonza/portal.yaml", "allow_raw_html: false", "allow_raw_html: forse",
                "vigonza/portal.yaml:22:17: error: `allow_raw_html` in portal.yaml must be true or false"
            ),
        ])
    func placed(file: String, text: String, replacement: String, errors: String) throws {
        let content = try copyOfDemoContent()
        let original = try content.read(file)
        #expect(original.contains(text))
        try content.write(file, original.replacingOccurrences(of: text, with: replacement))
        #expect(try audit(content).joined(separator: "\n") == errors)
    }
}
