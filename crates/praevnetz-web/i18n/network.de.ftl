## Netzwerk (/netzwerk)
nav-network = Netzwerk
network-title = Netzwerk
network-lead = Wer mit wem zusammenarbeitet: das Netzwerk eines Gebiets an einem Stichtag, seine Schwachstellen, seine Brückenbauer und Vorschläge für neue Verbindungen.
network-filter = Netzwerk wählen
network-area = Gebiet
network-area-all = Gesamtes Netzwerk
network-level = Ebene
network-level-person = Personen
network-level-organisation = Organisationen
network-level-municipality = Kommunen
network-day = Stichtag
network-compare-day = Vergleichen mit
network-compare-hint = Optional: ein früherer Stichtag; gezeigt wird, was sich seitdem verändert hat.
network-bad-compare = Der Vergleichstag ist kein gültiges Datum (JJJJ-MM-TT); es wird nicht verglichen.
network-cmp-heading = Veränderung vom { $before } zum { $after }
network-cmp-figures = Das Netzwerk an beiden Tagen
network-cmp-measure = Kennzahl
network-cmp-before = vorher
network-cmp-after = nachher
network-cmp-change = Veränderung
network-cmp-nodes = Akteure
network-cmp-edges = Verbindungen
network-cmp-across-pillars = Verbindungen zwischen Säulen
network-cmp-across-places = Verbindungen zwischen Kommunen
network-cmp-components = getrennte Teile
network-cmp-isolated = Akteure ohne Verbindung
network-cmp-density = Dichte
network-cmp-new = Neue Verbindungen
network-cmp-new-count = { $count } neue { $count ->
    [one] Verbindung
   *[other] Verbindungen
}, davon { $pillars } zwischen Säulen und { $places } zwischen Kommunen.
network-cmp-ended = Beendete Verbindungen
network-cmp-part = Gezeigt sind die { $shown } stärksten von { $total }.
network-cmp-joined = Neu im Netzwerk
network-cmp-left = Nicht mehr im Netzwerk
network-cmp-movers = Größte Veränderungen
network-cmp-movers-explain = Akteure, deren Verbindungen oder Betweenness sich am stärksten verändert haben. Gestiegene Betweenness: Sie verbinden jetzt mehr; gesunkene: Andere haben direkte Wege gefunden – oder der Akteur ist weniger eingebunden.
network-cmp-estimated = Die Betweenness ist an mindestens einem der beiden Tage geschätzt oder nur an einem exakt berechnet; ihre kleinen Änderungen können daher Schätzfehler sein. Die Tabelle ordnet nach der Veränderung der Verbindungen.
network-cmp-anchors = Wirkung eines Treffens ansehen
network-cmp-anchor = { $meeting } am { $day }: { $before } verglichen mit { $after }
network-size = Größe nach
network-unknown-area = Dieses Gebiet gibt es nicht oder Sie dürfen sein Netzwerk nicht sehen; gezeigt wird Ihr eigenes.
network-unknown-level = Diese Ebene gibt es nicht; gezeigt werden Personen.
network-bad-day = Das ist kein gültiges Datum (JJJJ-MM-TT); gezeigt wird der heutige Tag.
network-unknown-size = Diese Kennzahl gibt es nicht; die Größe folgt der Betweenness.
network-meeting-ties = Beziehungen „beim Treffen begegnet“
network-meeting-ties-with = einbeziehen
network-meeting-ties-without = weglassen
network-meeting-ties-hint = Sie entstehen aus der Teilnahme an Treffen (Stärke 1); weglassen zeigt nur die Arbeitsbeziehungen.
network-meeting-ties-left-out = Ohne Beziehungen „beim Treffen begegnet“: gezeigt sind nur die Arbeitsbeziehungen.
network-unknown-meeting-ties = Für „treffen“ gibt es nur „mit“ und „ohne“; Beziehungen „beim Treffen begegnet“ sind einbezogen.
network-no-area = Für Ihr Konto ist kein Gebiet freigegeben, dessen Netzwerk Sie sehen dürfen.
network-empty = In diesem Gebiet gibt es an diesem Tag keine Akteure.
network-summary = { $nodes } Akteure, { $edges } Verbindungen am { $day }; { $components } { $components ->
    [one] zusammenhängender Teil
   *[other] getrennte Teile
}, { $communities } Gruppen; Dichte { $density }.
network-estimated = Das Netzwerk ist groß: die Betweenness ist aus Stichproben geschätzt (jeder Wert mit { $confidence } % Sicherheit auf ±{ $epsilon } genau).
network-svg-title = Netzwerkbild: { $area }
network-svg-desc = { $nodes } Akteure und { $edges } Verbindungen; Farbe und Form zeigen die Säule, die Größe die gewählte Kennzahl. Dieselben Angaben stehen in der Tabelle unten.
network-caption = Farbe und Form zeigen die Säule, die Größe die gewählte Kennzahl; dicke Umrandung: Schlüsselperson, ohne die das Netzwerk zerfällt. Die Tabelle unten enthält alle Werte.
network-drawn-part = Gezeichnet sind die { $drawn } stärksten von { $total } Akteuren.
network-listed-part = Die Tabelle zeigt die { $listed } stärksten von { $total } Akteuren; alle Werte gibt „praevnetz analyze“.
network-pillar-none = ohne Säule
network-legend-cut = Schlüsselperson
network-risks = Strukturelle Risiken
network-risks-lead = Stellen, an denen das Netzwerk an einzelnen Akteuren oder Verbindungen hängt oder Säulen fehlen.
network-cuts = Schlüsselpersonen (Artikulationspunkte)
network-cuts-explain = Fällt einer dieser Akteure weg (Stellenwechsel, Ruhestand), zerfällt das Netzwerk in Teile, die nicht mehr miteinander verbunden sind. Was tun: Vertretungen benennen und weitere Personen direkt miteinander bekannt machen.
network-bridges = Einzige Verbindungen (Brücken)
network-bridges-explain = Diese Verbindungen sind der einzige Weg zwischen zwei Teilen des Netzwerks. Was tun: eine zweite Verbindung zwischen den beiden Teilen aufbauen, etwa bei einem Vernetzungstreffen.
network-isolated = Akteure ohne Verbindung
network-isolated-explain = Sie sind erfasst, aber an diesem Tag mit niemandem verbunden. Was tun: zum nächsten Treffen einladen oder prüfen, ob Verbindungen fehlen.
network-unlinked = Kommunen ohne Verbindung zwischen Verwaltung und Polizei
network-unlinked-explain = Hier hat kein Akteur der kommunalen Verwaltung eine Verbindung zur Polizei. Was tun: Ansprechpartner im Polizeirevier und im Ordnungsamt zusammenbringen.
network-gaps = Fehlende Säulen
network-gaps-explain = In diesen Kommunen ist aus einer oder mehreren der vier Säulen niemand im Netzwerk. Was tun: passende Akteure ansprechen und gewinnen.
network-brokers = Brückenbauer
network-brokers-explain = Akteure, die zwischen anderen stehen, die sich nicht direkt kennen, und dabei Säulen oder Kommunen verbinden (Vermittlerrollen nach Gould und Fernandez). Die Zahl gibt an, wie viele solcher Paare sie verbinden. Sie sind wertvoll als Türöffner – und belastet, wenn alles über sie läuft.
network-brokers-pillars = zwischen Säulen
network-brokers-places = zwischen Kommunen
network-suggestions = Vorgeschlagene neue Verbindungen
network-suggestions-explain = Paare, die sich noch nicht kennen, aber gemeinsame Kontakte haben (Resource-Allocation-Index); zuerst Paare aus verschiedenen Säulen. Ein gemeinsamer Kontakt kann sie einander vorstellen.
network-shared = gemeinsame Kontakte
network-across = verbindet Säulen
network-table = Alle Kennzahlen
network-col-name = Name
network-col-pillar = Säule
network-col-municipality = Kommune
network-cut-badge = Schlüsselperson
network-none = Keine.
network-m-degree = Verbindungen
network-m-betweenness = Betweenness
network-m-closeness = Nähe
network-m-pagerank = PageRank
network-m-eigenvector = Eigenvektor
network-m-constraint = Eingebundenheit
network-m-core = Kern
network-m-community = Gruppe
network-explain = Was die Kennzahlen bedeuten
network-x-degree = Mit wie vielen anderen der Akteur verbunden ist. Viele Verbindungen: gut vernetzt, aber womöglich überlastet; wenige: einbinden.
network-x-betweenness = Wie oft der Akteur auf dem kürzesten Weg zwischen zwei anderen liegt (0 bis 1). Hohe Werte: ein Brückenbauer, über den viel läuft – entlasten und Vertretung sichern.
network-x-closeness = Wie schnell der Akteur alle anderen über wenige Schritte erreicht (0 bis 1). Hohe Werte: gut, um Informationen rasch zu verbreiten.
network-x-pagerank = Einfluss durch Verbindungen zu selbst gut verbundenen Akteuren. Hohe Werte: wichtige Multiplikatoren für neue Vorhaben.
network-x-eigenvector = Wie sehr der Akteur im dicht vernetzten Zentrum steht. Hohe Werte: Teil des inneren Kreises.
network-x-constraint = Wie sehr die Kontakte des Akteurs auch untereinander verbunden sind (Burt). Hohe Werte: ein geschlossener Kreis mit wenig neuen Impulsen; niedrige: verbindet getrennte Gruppen.
network-x-core = Zu welchem Kern des Netzwerks der Akteur gehört: k heißt, er ist mit mindestens k anderen aus demselben Kern verbunden. Hohe Werte: fester Teil des Netzwerks; 1: am Rand.
network-x-community = Gruppen, die untereinander enger verbunden sind als mit dem Rest (Louvain-Verfahren). Was tun: Treffen über Gruppengrenzen hinweg planen.

## Ego-Netzwerk (Personen- und Organisationsseiten)
ego-title = Ego-Netzwerk
ego-summary = Heute { $contacts } { $contacts ->
    [one] direkter Kontakt
   *[other] direkte Kontakte
} aus { $pillars } { $pillars ->
    [one] Säule
   *[other] Säulen
}; { $among } von { $pairs } möglichen Verbindungen unter den Kontakten bestehen.
ego-holes = Effektive Größe { $effective } von { $contacts }, Eingebundenheit { $constraint }: { $open ->
    [0] alle Kontakte kennen sich untereinander.
    [one] ein Paar von Kontakten kennt sich nicht direkt – hier kann vermittelt werden.
   *[other] { $open } Paare von Kontakten kennen sich nicht direkt – hier kann vermittelt werden.
}
ego-missing = Säulen ohne Kontakt
ego-svg-title = Ego-Netzwerk: { $name }
ego-svg-desc = { $contacts } { $contacts ->
    [one] Kontakt
   *[other] Kontakte
} und { $edges } { $edges ->
    [one] Verbindung
   *[other] Verbindungen
}; in der Mitte der Akteur selbst. Farbe und Form zeigen die Säule. Dieselben Angaben stehen in der Tabelle darunter.
ego-caption = Der Akteur und seine heutigen direkten Kontakte mit den Verbindungen untereinander; Farbe und Form zeigen die Säule, die Größe, wie viele andere Kontakte jemand kennt.
ego-table = Direkte Kontakte
ego-context = Organisation oder Kommune
ego-weight = Stärke
ego-shared = kennt weitere Kontakte
ego-explain = Stärke: Summe der Stärken (1–5) der Beziehungen. Effektive Größe: wie viele Kontakte für sich stehen statt sich gegenseitig zu kennen; Eingebundenheit (Burt) hoch heißt ein geschlossener Kreis. Gezeigt sind nur Kontakte, die Sie sehen dürfen; die Werte beziehen sich auf dieses Bild.
ego-network-link = Zum ganzen Netzwerk

## Exakte Berechnung im Hintergrund
network-exact-start = Betweenness exakt berechnen
network-exact-start-hint = Die Berechnung läuft im Hintergrund und kann bei großen Netzwerken einige Minuten dauern; ihr Fortschritt ist auf einer eigenen Seite zu sehen.
network-exact-running = Die exakte Berechnung für diese Auswahl läuft.
network-exact-follow = Zur Berechnung
network-exact-note = Die Betweenness ist exakt berechnet (Hintergrundberechnung).
job-title = Exakte Berechnung
job-what = Betweenness für { $area }, Ebene { $level }, Stichtag { $day }: { $nodes } Akteure, { $edges } Verbindungen.
job-running = Läuft
job-done = Fertig
job-stopped = Abgebrochen
job-progress-label = Fortschritt
job-progress = { $done } von { $total } Suchen ({ $percent } %) in { $seconds } s.
job-progress-left = { $done } von { $total } Suchen ({ $percent } %), seit { $seconds } s; noch etwa { $left } s.
job-stale = Die Daten haben sich seit dem Start geändert. Die Werte gelten für den damaligen Stand und werden im Netzwerk nicht mehr gezeigt; starten Sie die Berechnung dort neu.
job-explain = Für jeden Akteur wird eine Suche über das ganze Netzwerk ausgeführt. Wenn die Berechnung fertig ist, zeigt die Netzwerkseite für diese Auswahl die exakten Werte statt der Schätzung.
job-refresh = Aktualisieren
job-to-network = Zum Netzwerk
job-stop = Berechnung abbrechen

## Gruppen
network-groups = Gruppen
network-groups-explain = Teile des Netzwerks, die untereinander enger verbunden sind als mit dem Rest (Louvain-Verfahren). Eine Gruppe aus nur einer Säule oder mit wenigen Verbindungen nach außen bleibt leicht unter sich. Was tun: Treffen über Gruppengrenzen hinweg planen und die am besten Vernetzten als Türöffner gewinnen.
network-groups-caption = Gruppen nach Größe
network-groups-pillars = Säulen
network-groups-inside = Verbindungen innen
network-groups-outside = nach außen
network-groups-leading = am besten vernetzt
network-groups-more = Dazu { $groups } kleinere { $groups ->
    [one] Gruppe
   *[other] Gruppen
} mit zusammen { $actors } { $actors ->
    [one] Akteur
   *[other] Akteuren
}.
network-groups-apart = Gruppen ohne Verbindung untereinander
network-groups-apart-explain = Zwischen diesen Gruppen (ab drei Akteuren) gibt es keine einzige Verbindung. Was tun: je eine Person aus beiden Gruppen zusammenbringen.
network-pillar-ties = Verbindungen zwischen den Säulen
network-pillar-ties-explain = Wie viele Verbindungen es zwischen zwei Säulen und innerhalb jeder Säule gibt. Leere oder kleine Felder zeigen Säulen, die kaum miteinander sprechen.
