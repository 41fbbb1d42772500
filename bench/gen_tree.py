#!/usr/bin/env python3
"""Generate a synthetic piazza content tree of N pages for the build benchmark.

The tree follows docs/CONTENT.md: a few portals, each with services (full "scheda servizio"
front matter and the mandatory `##` sections), news and plain pages, all linking to each other
with relative Markdown paths; the services' front matter fills every catalogue facet, and each portal
has an esercenti.csv (--merchants shops). content/_shared/ is copied verbatim (footer pages, forms,
measures) and every portal gets content/vigonza/portal.yaml and static/ with its own name.

With --hugo DIR it also writes the same pages as a Hugo site (config, minimal layouts, the
shared pages copied into each portal since Hugo has no inheritance) for a comparison.

Deterministic: the same arguments give byte-identical trees.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CATEGORIES = [
    "Cultura e tempo libero", "Educazione e formazione", "Mobilità e trasporti",
    "Salute, benessere e assistenza", "Vita lavorativa", "Imprese e commercio",
]
AUDIENCE = ["cittadini", "famiglie", "anziani", "giovani", "imprese", "dipendenti"]
PRICE = ["gratuito", "a-pagamento", "in-convenzione"]
WELFARE = ["pubblico", "territoriale", "aziendale"]
PROVIDER = ["comune", "cooperativa", "ente-accreditato", "azienda"]
# Topics from the Designers Italia model's list, the only ones piazza accepts (ModelTopics, AgID C.SI.1.5).
TOPICS = ["Assistenza sociale", "Assistenza agli invalidi", "Istruzione", "Lavoro", "Formazione professionale",
          "Tempo libero", "Associazioni", "Prodotti alimentari", "Trasporto pubblico", "Integrazione sociale",
          "Imprese", "Sport"]
NOUNS = ["sportello", "servizio", "laboratorio", "centro", "progetto", "percorso", "punto",
         "corso", "gruppo", "consulenza", "assistenza", "trasporto", "contributo", "spazio"]
ADJS = ["comunale", "di quartiere", "per le famiglie", "per gli anziani", "estivo",
        "serale", "di ascolto", "di comunità", "domiciliare", "per i giovani", "solidale"]
WORDS = ("il comune la cooperativa offre un aiuto alle persone e alle famiglie che abitano nel "
         "territorio con operatori qualificati orari di apertura servizi sociali domanda "
         "documenti richiesti entro trenta giorni gratuito per i residenti con isee basso "
         "sportello accoglienza ascolto orientamento rete territoriale volontari associazioni "
         "biblioteca scuola lavoro casa salute benessere inclusione").split()

SERVICE_SECTIONS = ["A chi è rivolto", "Come fare", "Cosa serve", "Cosa si ottiene",
                    "Tempi e scadenze", "Condizioni di servizio", "Contatti"]


def sentence(rng: random.Random, lo=8, hi=18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, n=3) -> str:
    return " ".join(sentence(rng) for _ in range(n))


def yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def split_counts(n: int, portals: int) -> list[dict[str, int]]:
    """Per portal: services 50 %, news 35 %, plain pages the rest."""
    out = []
    for i in range(portals):
        share = n // portals + (1 if i < n % portals else 0)
        services = share * 50 // 100
        news = share * 35 // 100
        out.append({"servizi": services, "notizie": news, "guide": share - services - news})
    return out


class Portal:
    def __init__(self, pid: str, counts: dict[str, int], rng: random.Random):
        self.id = pid
        self.counts = counts
        self.rng = rng
        singular = {"servizi": "servizio", "notizie": "notizia", "guide": "guida"}
        self.slugs = {sec: [f"{singular[sec]}-{i:05d}" for i in range(c)] for sec, c in counts.items()}

    def link(self, from_section: str) -> str:
        """A relative Markdown link from a page in `from_section` to another page."""
        secs = [s for s in self.slugs if self.slugs[s]]
        sec = self.rng.choice(secs)
        slug = self.rng.choice(self.slugs[sec])
        text = slug.replace("-", " ")
        return f"[{text}](../{sec}/{slug}.md)"


def service_page(p: Portal, slug: str, i: int) -> tuple[dict, str]:
    rng = p.rng
    title = f"{rng.choice(NOUNS).capitalize()} {rng.choice(ADJS)} {i}"
    status = "attivo" if rng.random() > 0.05 else "inattivo"
    fm = {
        "title": title,
        "description": sentence(rng, 10, 16),
        "category": rng.choice(CATEGORIES),
        "topics": sorted(set(rng.sample(TOPICS, rng.randint(1, 3)))),
        "status": status,
        "price": rng.choice(PRICE),
        "audience": sorted(set(rng.sample(AUDIENCE, rng.randint(1, 2)))),
        "welfare": rng.choice(WELFARE),
        "provider": rng.choice(PROVIDER),
        "provider_name": f"Cooperativa Sociale Esempio {rng.randint(1, 40)}",
        "office": "Ufficio Servizi Sociali",
        "max_response_days": rng.choice([10, 15, 20, 30, 45, 60]),
        "access_place": f"Sportello sociale, Via Esempio {rng.randint(1, 99)}",
        "weight": rng.randint(1, 100),
        # The "Condizioni di servizio" document, as every demo service has (copied with vigonza's static/).
        "conditions": "static/condizioni-generali-servizi.pdf",
    }
    if status == "inattivo":
        fm["status_reason"] = "Il servizio riapre dopo la pausa estiva."
    body = []
    for sec in SERVICE_SECTIONS:
        body.append(f"## {sec}\n\n{paragraph(rng, rng.randint(2, 4))}\n")
        if sec == "Cosa serve":
            body.append("\n".join(f"- {sentence(rng, 4, 8)}" for _ in range(3)) + "\n")
        if sec == "Come fare":
            body.append(f"Leggi anche {p.link('servizi')}.\n")
    return fm, "\n".join(body)


def news_page(p: Portal, slug: str, i: int, day0: date) -> tuple[dict, str]:
    rng = p.rng
    fm = {
        "title": f"Notizia {i}: {rng.choice(NOUNS)} {rng.choice(ADJS)}",
        "date": (day0 - timedelta(days=i % 900)).isoformat(),
        "description": sentence(rng, 8, 14),
        "topics": sorted(set(rng.sample(TOPICS, rng.randint(1, 2)))),
    }
    body = [paragraph(rng, 3), "", f"Per saperne di più: {p.link('notizie')}.", "",
            "| Giorno | Orario |", "|---|---|",
            *(f"| {d} | {rng.randint(8, 11)}:00–{rng.randint(12, 18)}:00 |"
              for d in ("Lunedì", "Mercoledì", "Venerdì")), "", paragraph(rng, 2), ""]
    return fm, "\n".join(body)


def plain_page(p: Portal, slug: str, i: int) -> tuple[dict, str]:
    rng = p.rng
    fm = {"title": f"Guida {i}: {rng.choice(NOUNS)} {rng.choice(ADJS)}",
          "description": sentence(rng, 8, 12)}
    body = [f"## {sentence(rng, 2, 4)[:-1]}", "", paragraph(rng, 4), "",
            "1. " + sentence(rng, 5, 9), "2. " + sentence(rng, 5, 9), "",
            f"Vedi {p.link('guide')} e **{rng.choice(NOUNS)}**.", ""]
    return fm, "\n".join(body)


MERCHANT_CATEGORIES = ["Alimentari", "Supermercato", "Panificio", "Farmacia", "Macelleria", "Frutta e verdura"]


def partita_iva(n: int) -> str:
    """A partita IVA that passes the check digit: 7 digits, office 028 (Padova), then the Luhn-style digit."""
    digits = f"{n:07d}028"
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return digits + str((10 - total % 10) % 10)


def merchants_csv(pi: int, count: int, area: dict[str, float], rng: random.Random) -> str:
    """esercenti.csv with `count` shops inside `area` (the template portal.yaml's), accepting the shared measures."""
    rows = ["name,partita_iva,category,address,lat,lon,hours,phone,measures"]
    for i in range(1, count + 1):
        lat = area["south"] + (0.05 + rng.random() * 0.9) * (area["north"] - area["south"])
        lon = area["west"] + (0.05 + rng.random() * 0.9) * (area["east"] - area["west"])
        measures = "misura-1-buoni-spesa" + (" misura-3-affitti" if i % 3 == 0 else "")
        rows.append(f"Negozio {i:04d} Comune {pi:02d},{partita_iva(pi * 100000 + i)},{rng.choice(MERCHANT_CATEGORIES)},"
                    f"\"Via Esempio {i}, 35010 Comune {pi:02d}\",{lat:.5f},{lon:.5f},lun-sab 8-13,049 {i:07d},{measures}")
    return "\n".join(rows) + "\n"


def dump_front_matter(fm: dict, hugo: bool = False) -> str:
    lines = ["---"]
    for k, v in fm.items():
        if k == "access_place":
            if hugo:
                lines.append(f"access: {{ place: {yaml_str(v)} }}")
            else:
                lines.append("access:")
                lines.append(f"  place: {yaml_str(v)}")
            continue
        if isinstance(v, list):
            lines.append(f"{k}: [{', '.join(v)}]")
        elif isinstance(v, int):
            lines.append(f"{k}: {v}")
        elif k == "date":
            lines.append(f"{k}: {v}")
        else:
            lines.append(f"{k}: {yaml_str(v)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


HUGO_CONFIG = """baseURL = "https://welfare.example.it/"
languageCode = "it"
title = "Bench welfare"
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{{ .Description }}">
<link rel="stylesheet" href="/assets/style.css"></head>
<body><a class="skip" href="#main">Vai al contenuto</a>
<header><p>{{ .Site.Title }}</p><nav aria-label="Principale"><ul>
{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul></nav></header>
<nav aria-label="Percorso"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li>{{ .Title }}</li></ol></nav>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><ul><li><a href="/privacy/">Privacy</a></li><li><a href="/accessibilita/">Accessibilità</a></li></ul></footer>
</body></html>
""",
    "_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.description }}<p class="lead">{{ . }}</p>{{ end }}
{{ with .Params.topics }}<ul class="topics">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ if .Params.category }}<dl><dt>Categoria</dt><dd>{{ .Params.category }}</dd>
<dt>Stato</dt><dd>{{ .Params.status }}</dd><dt>Costo</dt><dd>{{ .Params.price }}</dd></dl>{{ end }}
{{ .TableOfContents }}
{{ .Content }}
{{ if .Params.category }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "GovernmentService" "name" .Title "description" .Description | jsonify | safeJS }}</script>{{ end }}
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>{{ end }}</ul>
{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
}


def hugo_links(text: str) -> str:
    """Turn `../sec/slug.md` links into Hugo `{{< relref >}}`-free plain URLs (`../../sec/slug/`)."""
    return re.sub(r"\]\(\.\./([a-z0-9-]+)/([a-z0-9-]+)\.md\)", r"](../../\1/\2/)", text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10000, help="generated pages in all (default 10000)")
    ap.add_argument("--portals", type=int, default=5, help="number of portals (default 5)")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "content")
    ap.add_argument("--hugo", type=Path, default=None, help="also write a Hugo site here")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--source", type=Path, default=REPO / "content",
                    help="content tree to take _shared/ and a portal.yaml from")
    ap.add_argument("--template-portal", default="vigonza")
    ap.add_argument("--merchants", type=int, default=100,
                    help="shops in each portal's esercenti.csv (default 100; 0 writes none)")
    args = ap.parse_args()

    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(args.source / "_shared", out / "_shared")
    tpl = args.source / args.template_portal
    portal_yaml = (tpl / "portal.yaml").read_text(encoding="utf-8")
    area = {k: float(v) for k, v in re.findall(r"(south|west|north|east): ([0-9.]+)",
                                                 re.search(r"(?m)^area:.*$", portal_yaml).group(0))}

    hugo = args.hugo
    if hugo is not None:
        if hugo.exists():
            shutil.rmtree(hugo)
        write(hugo / "hugo.toml", HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            write(hugo / "layouts" / name, text)
        style = REPO / "themes" / "default" / "assets" / "style.css"
        write(hugo / "static" / "assets" / "style.css",
              style.read_text(encoding="utf-8") if style.is_file() else "body{font-family:sans-serif}\n")

    rng = random.Random(args.seed)
    day0 = date(2026, 11, 20)
    total = 0
    for pi, counts in enumerate(split_counts(args.pages, args.portals), start=1):
        pid = f"comune-{pi:02d}"
        p = Portal(pid, counts, rng)
        pdir = out / pid
        y = re.sub(r"(?m)^name:.*$", f"name: Welfare Comune {pi:02d}", portal_yaml)
        y = re.sub(r"(?m)^base_url:.*$", f"base_url: https://welfare.comune-{pi:02d}.example.it", y)
        write(pdir / "portal.yaml", y)
        if (tpl / "static").is_dir():
            shutil.copytree(tpl / "static", pdir / "static")
        home = ("---\ntitle: Benvenuto sul portale welfare\n"
                "description: Servizi, aiuti e notizie per le famiglie.\n---\n\n"
                f"{paragraph(rng, 3)}\n\nInizia da {p.link('guide').replace('../', '')}.\n")
        write(pdir / "_index.md", home)
        if args.merchants:
            write(pdir / "esercenti.csv", merchants_csv(pi, args.merchants, area, rng))
        sections = {"servizi": "Servizi", "notizie": "Notizie", "guide": "Guide"}
        for sec, label in sections.items():
            write(pdir / sec / "_index.md",
                  f"---\ntitle: {label}\ndescription: {yaml_str(sentence(rng, 6, 10))}\n---\n\n{paragraph(rng, 1)}\n")
        pages: list[tuple[str, str, dict, str]] = []
        for i, slug in enumerate(p.slugs["servizi"]):
            pages.append(("servizi", slug, *service_page(p, slug, i)))
        for i, slug in enumerate(p.slugs["notizie"]):
            pages.append(("notizie", slug, *news_page(p, slug, i, day0)))
        for i, slug in enumerate(p.slugs["guide"]):
            pages.append(("guide", slug, *plain_page(p, slug, i)))
        for sec, slug, fm, body in pages:
            write(pdir / sec / f"{slug}.md", dump_front_matter(fm) + body)
            total += 1
            if hugo is not None:
                write(hugo / "content" / pid / sec / f"{slug}.md",
                      dump_front_matter(fm, hugo=True) + hugo_links(body))
        if hugo is not None:
            write(hugo / "content" / pid / "_index.md", home.replace("](", "](./").replace(".md)", "/)"))
            for sec, label in sections.items():
                write(hugo / "content" / pid / sec / "_index.md", f"---\ntitle: {label}\n---\n")
            # Hugo has no _shared inheritance: copy the shared pages into the portal.
            for src in sorted((args.source / "_shared").rglob("*.md")):
                rel = src.relative_to(args.source / "_shared")
                text = src.read_text(encoding="utf-8")
                text = re.sub(r"\]\(([^)]*?)\.md\)", r"](\1/)", text)
                write(hugo / "content" / pid / rel, text)
    print(f"gen_tree: {total} pages in {args.portals} portals under {out}"
          + (f" (+ Hugo site in {hugo})" if hugo is not None else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
