import Foundation
import PiazzaContent
import Testing

/// A shared form with a residence field written `options: comuni` and a group whose rows ask for it too.
private let sharedForm = """
    title: Residenza
    description: Prova.
    opens: 2026-09-01 09:00
    closes: 2026-12-15 12:00
    privacy: privacy.md
    retention_years: 5
    sections:
      - title: Dati
        fields:
          - { name: comune, type: select, label: Comune di residenza, required: true, options: comuni }
          - name: figli
            type: group
            label: Figli
            fields:
              - { name: comune_figlio, type: radio, label: Comune, options: comuni }
    checks:
      residence: { field: comune }

    """

@Suite("Residence options from portal.yaml: `options: comuni`")
struct ComuniOptionsTests {
    @Test("one shared form offers each portal its own comuni, then Altro comune, at any depth")
    func perPortal() throws {
        let content = try ContentFixture()
        try content.write("_shared/forms/residenza.yaml", sharedForm)
        let tree = try content.load()
        for portal in tree.portals {
            let form = try #require(portal.form(id: "residenza"))
            let expected =
                portal.config.comuni.map { FieldOption(value: $0.istat, label: $0.name) }
                + [FieldOption(value: "altro", label: "Altro comune")]
            #expect(form.field(named: "comune")?.options == expected, "\(portal.id)")
            let group = try #require(form.field(named: "figli"))
            #expect(group.fields.first?.options == expected, "\(portal.id)")
        }
        let istat = tree.portals.map { $0.form(id: "residenza")!.field(named: "comune")!.options[0].value }
        #expect(istat == tree.portals.map { $0.config.comuni[0].istat } && Set(istat).count == 2)
    }

    @Test("`options: comuni` on a field without choices is an error at the key")
    func wrongType() throws {
        let content = try ContentFixture()
        try content.write(
            "_shared/forms/residenza.yaml",
            sharedForm.replacingOccurrences(
                of: "type: select, label: Comune di residenza", with: "type: text, label: Comune"))
        let diagnostics = content.diagnostics().map(\.description)
        #expect(
            diagnostics.contains {
                $0.hasPrefix("_shared/forms/residenza.yaml:10:")
                    && $0.contains("`options` only applies to select, radio and checkbox fields")
            })
    }
}
