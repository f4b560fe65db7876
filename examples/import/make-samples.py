#!/usr/bin/env python3
"""Writes the two sample spreadsheets of examples/import/ for `ims import`.

- soa-en.xlsx: the Statement of Applicability of the fictional Nordwind
  Hosting Ltd, ISO/IEC 27001:2022, as an English Excel workbook with a title
  row above the header, as many SoAs are kept.
- soa-de.csv: the SoA of the fictional Alpenblick Rechenzentrum GmbH, still
  in ISO/IEC 27001:2013 numbering, as a German CSV export of Excel
  (semicolons, UTF-8 with a byte-order mark); import it with --from-2013.

Both organisations, their justifications, owners and evidence are made up
for this project. Control numbers and titles are facts taken from the tool's
own catalog (`ims catalog --format json`); no requirement text is used.

Run from the repository root, with `ims` built and openpyxl installed:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install openpyxl
    /tmp/venv/bin/python examples/import/make-samples.py target/debug/ims
"""

import csv
import json
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent


def controls(catalog, edition):
    standard = next(s for s in catalog["standards"] if s["id"] == edition)
    return [(c["ref"], c["title"]) for c in standard["clauses"] if c["kind"] == "control"]


def english(catalog):
    """One row per 2022 control: what Nordwind's SoA says of it."""
    owner_of_theme = {
        "A.5": "Information Security Officer",
        "A.6": "HR Manager",
        "A.7": "Facilities Manager",
        "A.8": "Head of IT Operations",
    }
    justification_of_theme = {
        "A.5": "Needed to run the ISMS and to meet customer contracts (risk assessment 2026)",
        "A.6": "Staff and contractors have privileged access to customer systems",
        "A.7": "Two data centre halls and an office hold customer systems and information",
        "A.8": "Nordwind operates and monitors the hosting platform of its customers",
    }
    special = {
        "A.5.19": ("Customer data is processed in supplier-run colocation halls", "Risk treatment, Contractual", "Implemented", "", "Procurement Lead", "Supplier policy, Supplier register"),
        "A.5.23": ("Backups are stored with a cloud provider", "Risk treatment, Contractual", "Partially implemented", "", "Procurement Lead", "Supplier register"),
        "A.5.31": ("Data protection law and customer contracts apply", "Legal, Contractual", "Implemented", "", "Information Security Officer", "Register of legal requirements"),
        "A.5.34": ("Customer data includes personal data (GDPR)", "Legal, Regulatory", "Implemented", "", "Data Protection Officer", "Register of legal requirements, Privacy policy"),
        "A.7.4": ("Both halls need intrusion detection", "Risk treatment", "Planned", "2027-03-31", "Facilities Manager", "Risk treatment plan"),
        "A.8.11": ("A staging environment will receive production-like data", "Risk treatment", "Planned", "2027-06-30", "Head of Development", "Risk treatment plan"),
        "A.8.12": ("Customer data must not leave the platform", "Risk treatment, Business", "Not implemented", "", "Head of IT Operations", ""),
        "A.8.30": None,
    }
    rows = []
    for ref, title in controls(catalog, "iso27001@2022"):
        theme = ".".join(ref.split(".")[:2])
        if ref in special and special[ref] is None:
            rows.append([ref, title, "No", "No development is outsourced: all software is written in-house", "", "", "", "Head of Development", "Risk assessment 2026"])
            continue
        if ref in special:
            justification, reason, status, due, owner, evidence = special[ref]
        else:
            justification = justification_of_theme[theme]
            reason = "Risk treatment" if theme != "A.6" else "Risk treatment, Legal"
            status, due = "Implemented", ""
            owner = owner_of_theme[theme]
            evidence = "Information security policy" if theme == "A.5" else ""
        rows.append([ref, title, "Yes", justification, reason, status, due, owner, evidence])
    return rows


def write_english(catalog):
    book = Workbook()
    sheet = book.active
    sheet.title = "SoA"
    sheet["A1"] = "Statement of Applicability - Nordwind Hosting Ltd"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = "ISO/IEC 27001:2022, version 4, approved by the board on 2026-10-01"
    header = ["Control", "Control title", "Applicable", "Justification", "Reason", "Implementation status", "Due date", "Control owner", "Evidence"]
    sheet.append([])
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in english(catalog):
        sheet.append(row)
    for column, width in zip("ABCDEFGHI", [10, 45, 11, 60, 26, 22, 12, 28, 40]):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A5"
    # A fixed creation date, so that the file is the same each time it is made.
    import datetime
    book.properties.created = datetime.datetime(2026, 10, 1)
    book.properties.modified = datetime.datetime(2026, 10, 1)
    book.save(HERE / "soa-en.xlsx")


def german(catalog):
    """One row per 2013 control: what Alpenblick's (old) SoA says of it."""
    owner_of_domain = {
        "A.5": "Informationssicherheitsbeauftragter", "A.6": "Informationssicherheitsbeauftragter",
        "A.7": "Personalabteilung", "A.8": "Leiter IT-Betrieb", "A.9": "Leiter IT-Betrieb",
        "A.10": "Leiter IT-Betrieb", "A.11": "Haustechnik", "A.12": "Leiter IT-Betrieb",
        "A.13": "Leiter Netzwerk", "A.14": "Leiter Entwicklung", "A.15": "Einkauf",
        "A.16": "Informationssicherheitsbeauftragter", "A.17": "Leiter IT-Betrieb",
        "A.18": "Geschäftsführung",
    }
    special = {
        "A.14.2.7": ("Nein", "Es wird keine Entwicklung ausgelagert; alle Software entsteht im Haus", "", "", "", "Leiter Entwicklung", "Risikoanalyse 2025"),
        "A.11.1.6": ("Nein", "Es gibt keine Anlieferungs- und Ladezonen; Lieferungen nimmt der Empfang an", "", "", "", "Haustechnik", ""),
        "A.18.1.4": ("Ja", "Kundendaten enthalten personenbezogene Daten (DSGVO)", "Gesetzlich", "Umgesetzt", "", "Datenschutzbeauftragte", "Datenschutzkonzept"),
        "A.15.1.1": ("Ja", "Das Rechenzentrum nutzt Dienstleister für Strom, Kühlung und Netz", "Risikobehandlung, Vertraglich", "Umgesetzt", "", "Einkauf", "Lieferantenrichtlinie; Lieferantenverzeichnis"),
        "A.12.3.1": ("Ja", "Kundendaten müssen den Verlust eines Brandabschnitts überstehen", "Risikobehandlung, Vertraglich", "Teilweise umgesetzt", "", "Leiter IT-Betrieb", "Datensicherungskonzept"),
        "A.9.4.5": ("Ja", "Quellcode des Kundenportals ist schützenswert", "Risikobehandlung", "Geplant", "30.06.2027", "Leiter Entwicklung", "Risikobehandlungsplan"),
    }
    rows = []
    for ref, title in controls(catalog, "iso27001@2013"):
        domain = ".".join(ref.split(".")[:2])
        if ref in special:
            applicable, justification, reason, status, due, owner, evidence = special[ref]
        else:
            applicable = "Ja"
            justification = "Erforderlich laut Risikoanalyse 2025 für den Betrieb der Kundensysteme"
            reason = "Risikobehandlung"
            status, due, evidence = "Umgesetzt", "", "Informationssicherheitsleitlinie" if domain == "A.5" else ""
            owner = owner_of_domain[domain]
        rows.append([ref, title, applicable, justification, reason, status, due, owner, evidence])
    return rows


def write_german(catalog):
    with open(HERE / "soa-de.csv", "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Nr.", "Maßnahme", "Anwendbar", "Begründung", "Grund", "Umsetzung", "Termin", "Verantwortlich", "Nachweis"])
        writer.writerows(german(catalog))


def main():
    ims = sys.argv[1] if len(sys.argv) > 1 else "ims"
    catalog = json.loads(subprocess.run([ims, "catalog", "--format", "json"], check=True, capture_output=True).stdout)
    write_english(catalog)
    write_german(catalog)


if __name__ == "__main__":
    main()
