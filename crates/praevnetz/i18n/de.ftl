# praevnetz – Meldungen der Kommandozeile (Deutsch)

cli-error = Fehler
cli-cause = Ursache
cli-init-done = Datenbank bereit: { $url } (Schemaversion { $version })
cli-stats-title = Datenbank { $url }
cli-serve-listening = praevnetz läuft unter { $url }
cli-serve-stopping = praevnetz wird beendet …
cli-import-table = { $file }: { $created } { $kind } angelegt, { $updated } aktualisiert
cli-import-dry-run = Probelauf: alles geprüft, nichts gespeichert.
cli-import-boundaries = { $file }: Grenzen von { $count } { $count ->
    [one] Gemeinde
   *[other] Gemeinden
  } importiert ({ $points } Punkte nach der Vereinfachung)
cli-demo-not-empty = Die Datenbank { $url } enthält bereits Daten ({ $municipalities } Gemeinden, { $persons } Personen). „praevnetz demo --force“ ersetzt alle Daten durch die Demodaten.
cli-demo-generating = Synthetisches Netzwerk wird erzeugt …
cli-demo-done = Demodaten geladen in { $url }: { $municipalities } Gemeinden, { $organisations } Organisationen, { $persons } Personen, { $ties } Beziehungen.
cli-backup-done = Sicherung geschrieben: { $path } ({ $bytes } Bytes, Schemaversion { $version })
cli-restore-done = Wiederhergestellt aus { $path }: { $municipalities } Gemeinden, { $persons } Personen, { $ties } Beziehungen.
cli-serve-demo-loaded = Die Datenbank war leer; die Demodaten wurden geladen.
cli-config-unreadable = Die Konfigurationsdatei { $path } kann nicht gelesen werden ({ $detail })
cli-config-invalid = Die Konfigurationsdatei { $path } ist fehlerhaft: { $detail }
cli-config-lang = Die Sprache „{ $found }“ in der Konfigurationsdatei gibt es nicht; möglich sind de und en
cli-serve-bind = Die Adresse { $addr } kann nicht belegt werden ({ $reason }); wählen Sie mit --bind eine andere
cli-serve-failed = Der Server wurde unerwartet beendet ({ $reason })
cli-import-unknown-kind = „{ $kind }“ ist keine bekannte Art von Importdatei; siehe docs/import.md
cli-demo-logins = Demo-Anmeldungen, Passwort für alle: { $password }
cli-analyze-unreadable = die Netzwerkdatei { $path } ist nicht lesbar ({ $reason })
cli-analyze-file = { $path }: { $problem }
cli-analyze-summary = { $nodes } Knoten, { $edges } Kanten ({ $kind }), Dichte { $density }, { $components } { $components ->
    [one] Komponente
   *[other] Komponenten
}
cli-analyze-directed = gerichtet
cli-analyze-undirected = ungerichtet
cli-analyze-more = Alle Werte je Knoten: --format json oder --format csv.
cli-analyze-top = Höchste Betweenness (Brückenbauer):
cli-format-not-here = dieser Befehl bietet die Formate { $formats }
cli-compare-heading = Vergleich des Netzwerks: { $before } → { $after }
cli-compare-nodes = Akteure
cli-compare-edges = Verbindungen
cli-compare-across-pillars = Verbindungen zwischen Säulen
cli-compare-across-places = Verbindungen zwischen Kommunen
cli-compare-components = getrennte Teile
cli-compare-isolated = Akteure ohne Verbindung
cli-compare-counts = { $new } neue und { $ended } beendete Verbindungen; { $joined } Akteure neu, { $left } nicht mehr im Netzwerk.
cli-compare-movers = Größte Veränderungen (Betweenness, Verbindungen):
cli-analyze-bad-scope = der Bereich „{ $scope }“ ist nicht all, region:KÜRZEL, district:AGS oder municipality:AGS
cli-analyze-unknown-scope = zum Bereich „{ $scope }“ ist nichts gespeichert
cli-analyze-bad-date = das Datum „{ $date }“ ist kein Tag der Form JJJJ-MM-TT
cli-analyze-graph-and-scope = --graph analysiert eine Datei; --scope, --level, --at und --without-meeting-ties gelten für das gespeicherte Netzwerk
cli-table-unknown-problem = eine Problemlage mit der Nummer { $id } gibt es nicht
cli-table-unknown-municipality = eine Gemeinde mit dem Schlüssel „{ $ags }“ gibt es nicht (erwartet: 8 Ziffern, z. B. 14522140 für Flöha)
cli-table-unknown-category = „{ $code }“ ist keine Kategorie; bekannt sind: { $known }
cli-table-heading = Runder Tisch zu { $category } in { $municipality }: { $seats } Plätze
cli-table-alternatives = statt dessen möglich: { $names }
cli-table-gap-none = Nicht besetzt: { $role } – im Netzwerk um die Kommune gibt es niemanden in dieser Rolle
cli-table-gap-seat = Nicht besetzt: { $role } – dafür reichten die Plätze nicht
cli-impact-unknown-meeting = ein Treffen mit der Nummer { $id } gibt es nicht
cli-impact-unknown-series = eine Treffenreihe mit der Nummer { $id } gibt es nicht
cli-impact-meeting = Wirkung von „{ $title }“ ({ $day }) auf die Arbeitsbeziehungen der { $attended } Teilnehmenden:
cli-impact-series = Wirkung der Reihe „{ $name }“ ({ $meetings } Treffen) auf die Arbeitsbeziehungen der { $attended } Teilnehmenden:
cli-impact-too-early = noch nicht zu sagen (kein stattgefundenes Treffen oder noch keine drei Monate vergangen)
cli-impact-columns = Tag          Monate  Bez.    neu  Säulen   Kommunen  Teile
cli-impact-graph = --meeting und --series werten gespeicherte Treffen aus; --graph, --compare, --scope und --level gehören nicht dazu
