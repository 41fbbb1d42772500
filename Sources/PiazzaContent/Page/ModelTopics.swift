import Foundation

/// The topics ("argomenti") of the Designers Italia model for municipal sites: the only words a page's
/// `topics:` may use, since AgID's checker scores C.SI.1.5 (vocabolari controllati) 1 only when every
/// topic of the site's topics page is one of them. The list and its spelling are the checker's
/// (`italia/pa-website-validator-ng`, `src/audits/municipality_vocabulary/controlledVocabulary.ts`,
/// `municipalityModelVocabulary`).
public enum ModelTopics {
    /// The model's topics, in the checker's order.
    public static let all: [String] = [
        "Accesso all'informazione", "Acqua", "Agricoltura", "Anagrafe", "Animale domestico", "Aria",
        "Assistenza agli invalidi", "Assistenza sociale", "Associazioni", "Bilancio", "Commercio al minuto",
        "Commercio all'ingrosso", "Commercio ambulante", "Comunicazione istituzionale", "Comunicazione politica",
        "Concorsi", "Covid-19", "Elezioni", "Energie rinnovabili", "Estero", "Foreste", "Formazione professionale",
        "Gemellaggi", "Gestione rifiuti", "Giustizia", "Igiene pubblica", "Immigrazione", "Imposte", "Imprese",
        "Inquinamento", "Integrazione sociale", "Isolamento termico", "Istruzione", "Lavoro", "Matrimonio", "Mercato",
        "Mobilità sostenibile", "Morte", "Nascita", "Parcheggi", "Patrimonio culturale", "Pesca",
        "Piano di sviluppo", "Pista ciclabile", "PNRR", "Politica commerciale", "Polizia", "Prodotti alimentari",
        "Protezione civile", "Residenza", "Risposta alle emergenze", "Sistema giuridico", "Spazio Verde", "Sport",
        "Sviluppo sostenibile", "Tassa sui servizi", "Tempo libero", "Trasparenza amministrativa",
        "Trasporto pubblico", "Turismo", "Urbanizzazione", "Viaggi", "Zone pedonali", "ZTL",
    ]

    private static let known = Set(all)

    /// The model's topic `text` most likely means (`istruzione` → `Istruzione`, `Mobilita` → `Mobilità
    /// sostenibile`), by the rule of every suggestion (``YAMLReader/closest(to:in:)``).
    static func suggestion(for text: String) -> String? { YAMLReader.closest(to: text, in: known) }

    /// Whether `text` is one of the model's topics, spelt as the model spells it.
    public static func contains(_ text: String) -> Bool { known.contains(text) }
}

extension YAMLReader {
    /// `topics:` of a page: a list of the model's topics (``ModelTopics``); each other word is an error at
    /// its item, naming the fix.
    func topics(required: Bool = false) -> [String]? {
        guard let topics = strings("topics", required: required), let node = node("topics") else { return nil }
        for item in node.sequence ?? [node] {
            guard let text = item.scalar?.string.trimmingWhitespace(), !ModelTopics.contains(text)
            else { continue }
            let fix =
                ModelTopics.suggestion(for: text).map { "did you mean '\($0)'?" }
                ?? "use the model's topics, e.g. Assistenza sociale, Istruzione, Tempo libero (all: "
                + ModelTopics.all.joined(separator: "; ") + ")"
            error(
                at: item,
                "topic '\(text)' is not one of the Designers Italia model's topics, which AgID's checker requires "
                    + "(C.SI.1.5); \(fix)")
        }
        return topics
    }
}
