import Foundation
import Testing

@testable import PiazzaContent

@Suite("Posted values: names the form has, a byte bound read before normalising, one value per single field")
struct PostedValueTests {
    static let form = FixtureForm.form
    static let repeated = "Questo campo è stato inviato due volte; ricarica la pagina e riprova."

    @Test(
        "a posted name stands for a field, an ISEE part or a group row's sub-field; anything else for none",
        arguments: [
            ("nome", "nome"), ("isee.importo", "isee"), ("isee.dsu", "isee"), ("componenti.0.nome", "nome"),
            ("componenti.12.codice_fiscale", "codice_fiscale"), ("giorni", "giorni"),
        ])
    func knownNames(posted: String, field: String) {
        #expect(Self.form.field(postedName: posted)?.name == field)
        // A group row's bound is found without its row number (``FormDefinition/rowByteLimits``): still its field's.
        #expect(Self.form.postedByteLimit(forName: posted) == Self.form.field(postedName: posted)?.postedByteLimit)
    }

    @Test(
        "names the form does not have are unknown: their values are never read",
        arguments: [
            "altro", "isee", "isee.altro", "componenti", "componenti.0", "componenti.x.nome", "componenti.01.nome",
            "componenti.-1.nome", "componenti.+1.nome", "componenti.0.altro", "nome.0", "", "_altro",
            "componenti.0.", "componenti..nome", "componenti.0..nome", "componenti.0.nome.x", ".nome", "nome.", "isee.",
            "isee.importo.x", "componenti.", "componenti.1",
        ])
    func unknownNames(posted: String) {
        #expect(Self.form.field(postedName: posted) == nil)
        #expect(Self.form.postedByteLimit(forName: posted) == nil)
    }

    @Test("the byte bound is the character limit × 4 scalars × 4 bytes; hidden keys have their own")
    func byteBounds() {
        #expect(Self.form.postedByteLimit(forName: "nome") == 20 * 16)
        #expect(Self.form.postedByteLimit(forName: "note") == 50 * 16)
        #expect(Self.form.postedByteLimit(forName: "componenti.3.nome") == FieldRule.defaultTextLength * 16)
        #expect(Self.form.postedByteLimit(forName: "isee.dsu") == 100 * 16)
        #expect(Self.form.postedByteLimit(forName: "sostegni") == 100 * 16)
        for hidden in FormSubmission.hiddenNames {
            #expect(Self.form.postedByteLimit(forName: hidden) == FormSubmission.hiddenValueBytes)
        }
    }

    @Test("a value over the byte bound is too long without being read, whatever it holds")
    func overTheBound() {
        let cut = "Nel campo è rimasto solo l'inizio: controllalo prima di inviare di nuovo il modulo."
        for value in [String(repeating: "a", count: 321), String(repeating: "\u{200B}", count: 107)] {
            let errors = FixtureForm.errors(["nome": [value]])
            #expect(errors.map(\.code) == [.tooLong])
            #expect(
                errors.first?.message
                    == "Puoi scrivere al massimo 20 caratteri: il testo inviato è molto più lungo. \(cut)")
        }
        #expect(
            FixtureForm.errors(["isee.importo": ["1"], "isee.dsu": [String(repeating: "1", count: 1601)]]).map(\.name)
                == ["isee.dsu"])
        // 106 zero-width spaces (318 bytes) are read, and nothing is left of them.
        #expect(FixtureForm.errors(["nome": [String(repeating: "\u{200B}", count: 106)]]).map(\.code) == [.missing])
    }

    @Test(
        "a name that takes one value sent twice is refused on that name; a checkbox list takes many",
        arguments: ["nome", "codice_fiscale", "sostegni", "privacy", "domicilio", "isee.dsu", "componenti.0.nome"])
    func repeatedName(name: String) {
        var changes: [String: [String]] = ["isee.importo": ["1"], "isee.dsu": ["INPS-ISEE-2026-000123456-00"]]
        changes["componenti.0.nome"] = ["Luca"]
        changes["componenti.0.codice_fiscale"] = ["RSSMRA45D25F205N"]
        let value = (FixtureForm.minimal.merging(changes) { $1 })[name]?.first ?? "si"
        changes[name] = [value, value]
        let errors = FixtureForm.errors(changes)
        #expect(errors.map(\.name) == [name])
        #expect(errors.map(\.code) == [.repeated])
        #expect(errors.first?.message == Self.repeated)
        #expect(FixtureForm.application(["giorni": ["lunedi", "martedi"]]) != nil)
    }

    @Test("the page shows back only the form's names, each value cut to its field's limit")
    func echoed() {
        let submission = FormSubmission(values: [
            "nome": [String(repeating: "è", count: 30)], "note": ["breve"], "altro": ["x"], "_key": ["k"],
            "componenti.0.nome": [String(repeating: "a", count: 250)], "giorni": ["lunedi", "martedi"],
            "sostegni": [String(repeating: "x", count: 1601)],
            "isee.dsu": ["e" + String(repeating: "\u{301}", count: 3000)],
        ])
        #expect(
            Self.form.echoedValues(of: submission) == [
                "nome": [String(repeating: "è", count: 20)], "note": ["breve"], "_key": ["k"],
                "componenti.0.nome": [String(repeating: "a", count: 200)], "giorni": ["lunedi", "martedi"],
                "sostegni": [], "isee.dsu": [""],
            ])
    }
}
