## Praxis
nav-practices = Praxis
practices-title = Gute Praxis
practices-new = Neues Praxisbeispiel erfassen
practices-new-title = Neues Praxisbeispiel
practices-edit-title = Praxisbeispiel bearbeiten
practices-all = Alle Kategorien
practices-search = Suchbegriffe
practices-search-button = Suchen
practices-search-hint = Sucht in Titel, Zusammenfassung, Vorgehen und Ergebnis; alle Wörter müssen vorkommen, auch in gebeugter Form.
practices-total = { $count ->
    [0] Kein Praxisbeispiel gefunden.
    [one] Ein Praxisbeispiel gefunden.
   *[other] { $count } Praxisbeispiele gefunden.
}
practices-practice = Titel
practices-summary = Zusammenfassung
practices-approach = Vorgehen
practices-outcome = Ergebnis
practices-categories = Problemkategorien
practices-partners = Partner
practices-partner = Partner
practices-partner-search = Partner suchen
practices-partner-caption = Organisationen zum Ankreuzen
practices-contact = Ansprechperson
practices-since = seit
practices-until = bis
practices-started = Begonnen am
practices-ended = Beendet am
practices-problems-link = Problemlagen
practices-markdown-hint = Formatierung mit Markdown: **fett**, *kursiv*, Listen mit „- “ oder „1. “.
practices-delete-confirm = Das Praxisbeispiel wird endgültig gelöscht. Im Änderungsprotokoll bleibt es verzeichnet.
