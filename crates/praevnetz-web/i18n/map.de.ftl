## Karte
nav-map = Karte

map-title = Karte
map-filter = Karte einstellen
map-layer = Ebene
map-layer-group-council = Gremien
map-layer-council = Präventionsrat
map-layer-group-blocks = Programmbausteine
map-layer-group-problems = Offene Problemlagen nach Kategorie
map-council-on = Präventionsrat vorhanden
map-council-off = kein Präventionsrat erfasst
map-block-on = { $block }: erreicht
map-block-off = { $block }: noch nicht erreicht
map-problem-on = offene Problemlage „{ $category }“
map-problem-off = keine offene Problemlage „{ $category }“
map-problem-count = offene Problemlagen dieser Kategorie
map-size = Kreisfläche nach Einwohnerzahl des Hauptorts
map-svg-title = Karte: { $layer }
map-svg-desc = { $count ->
    [one] Eine Kommune
   *[other] { $count } Kommunen
  }; jede ist ein Link zu ihrer Seite. Dieselben Angaben stehen in der Tabelle unter der Karte.
map-summary = { $on } von { $total } gezeigten Kommunen: { $state }
map-controls = Kartenausschnitt
map-zoom-in = Vergrößern
map-zoom-out = Verkleinern
map-zoom-reset = Ganze Karte
map-controls-hint = Mit der Maus ziehen verschiebt die Karte, das Mausrad zoomt.
map-shapes-points = Die Kommunen sind am Ort ihres Hauptorts eingezeichnet.
map-shapes-areas = Kommunen mit importierten Gemeindegrenzen sind als Fläche eingezeichnet, die übrigen am Ort ihres Hauptorts.
map-unlocated = Kommunen ohne Ortsangabe
map-unlocated-none = Alle gezeigten Kommunen haben eine Ortsangabe.
map-table = Die Karte als Tabelle
map-state = Auf der Karte
map-not-drawn = nicht eingezeichnet (ohne Ortsangabe)
map-empty = Keine Kommune entspricht dieser Auswahl.
map-unknown-layer = Diese Ebene gibt es nicht; gezeigt wird die Ebene „Präventionsrat“.
