# praevnetz – Meldungen der Fachlogik (Deutsch)

## Prüfregeln

validation-error = { $field }: { $rule }
rule-required = Angabe fehlt
rule-not-blank = darf nicht leer sein
rule-too-long = ist zu lang (höchstens { $max } Zeichen)
rule-control-characters = enthält Steuerzeichen (z. B. Zeilenumbrüche), die hier nicht erlaubt sind
rule-digits = muss aus genau { $len } Ziffern bestehen, gefunden: „{ $found }“
rule-unknown-state = „{ $found }“ ist kein Schlüssel eines deutschen Bundeslandes (01–16)
rule-unknown-district = es gibt keinen Kreis mit dem Schlüssel „{ $found }“; importieren Sie zuerst die Kreise
rule-district-mismatch = der Gemeindeschlüssel „{ $ags }“ beginnt nicht mit dem Kreisschlüssel „{ $district }“
rule-state-mismatch = der Schlüssel „{ $ags }“ beginnt nicht mit dem Landesschlüssel „{ $state }“
rule-not-an-integer = „{ $found }“ ist keine ganze Zahl
rule-not-a-number = „{ $found }“ ist keine Zahl
rule-out-of-range = „{ $found }“ liegt nicht zwischen { $min } und { $max }
rule-invalid-date = „{ $found }“ ist kein gültiges Datum (erwartet: 2022-09-06 oder 06.09.2022)
rule-invalid-date-time = „{ $found }“ ist kein gültiger Zeitpunkt (erwartet: 06.09.2022 10:00 oder 2022-09-06T08:00:00Z; Uhrzeiten, die es wegen der Zeitumstellung nicht oder doppelt gibt, bitte mit Zeitzone angeben)
rule-date-order = der Beginn ({ $since }) liegt nach dem Ende ({ $until })
rule-time-order = das Ende ({ $end }) liegt nicht nach dem Beginn ({ $start })
rule-self-tie = eine Beziehung kann keinen Akteur mit sich selbst verbinden
rule-mixed-tie = eine Beziehung verbindet zwei Personen oder zwei Organisationen, nicht eine Person mit einer Organisation
rule-email = „{ $found }“ ist keine gültige E-Mail-Adresse
rule-unknown-code = „{ $found }“ ist kein zulässiger Wert; zulässig sind: { $allowed }
rule-slug = „{ $found }“ ist kein gültiges Kürzel (nur Kleinbuchstaben a–z, Ziffern und Bindestriche)
rule-both-or-neither = bitte zusammen mit „{ $other }“ angeben oder beide leer lassen
rule-not-both = darf nicht zusammen mit „{ $other }“ angegeben werden
rule-only-for-funding = ist nur beim Meilenstein „Förderung bewilligt“ erlaubt
rule-consent-date-required = bei der Rechtsgrundlage „Einwilligung“ ist das Datum der Einwilligung anzugeben
rule-not-a-boolean = „{ $found }“ ist weder „ja“ noch „nein“
rule-unknown-reference = „{ $key }“ ist nicht bekannt
rule-already-exists = „{ $key }“ ist bereits vorhanden
rule-in-use = wird noch von anderen Einträgen verwendet und kann nicht gelöscht werden
rule-url = „{ $found }“ ist keine gültige Webadresse

## Felder

field-ags = Amtlicher Gemeindeschlüssel (AGS)
field-district_ags = Kreisschlüssel
field-state_code = Landesschlüssel
field-name = Name
field-short_name = Kurzname
field-kind = Art
field-nuts3 = NUTS-3-Code
field-area_km2 = Fläche (km²)
field-population = Einwohnerzahl
field-latitude = Breitengrad
field-longitude = Längengrad
field-slug = Kürzel
field-districts = Kreise
field-municipality = Gemeinde
field-district = Kreis
field-region = Region
field-achieved_on = Datum
field-amount = Betrag
field-purpose = Zweck
field-context = Kontext
field-note = Bemerkung
field-ref = Referenz
field-pillar = Säule
field-secondary_pillars = weitere Säulen
field-area = Zuständigkeitsbereich
field-aliases = weitere Namen
field-email = E-Mail
field-phone = Telefon
field-website = Webseite
field-address = Anschrift
field-description = Beschreibung
field-given_name = Vorname
field-family_name = Nachname
field-title = Titel
field-legal_basis = Rechtsgrundlage
field-consent_on = Datum der Einwilligung
field-person = Person
field-organisation = Organisation
field-function = Funktion
field-since = seit
field-until = bis
field-body = Gremium
field-parent_body = übergeordnetes Gremium
field-founded_on = gegründet am
field-dissolved_on = aufgelöst am
field-role = Rolle
field-source = Ausgangsakteur
field-target = Zielakteur
field-directed = gerichtet
field-strength = Stärke
field-source_note = Quelle
field-category = Kategorie
field-severity = Schweregrad
field-trend = Entwicklung
field-status = Status
field-visibility = Sichtbarkeit
field-hotspot_name = Brennpunkt
field-observed_since = beobachtet seit
field-responsible = zuständige Akteure
field-affected = betroffene Akteure
field-summary = Zusammenfassung
field-approach = Vorgehen
field-outcome = Ergebnis
field-started_on = begonnen am
field-ended_on = beendet am
field-contact_person = Ansprechperson
field-partners = Partner
field-categories = Kategorien
field-series = Reihe
field-meeting = Treffen
field-starts_at = Beginn
field-ends_at = Ende
field-format = Format
field-venue_name = Veranstaltungsort
field-venue_address = Adresse des Veranstaltungsorts
field-capacity = Plätze
field-minutes = Protokoll
field-hosts = Gastgeber
field-position = Position
field-duration_minutes = Dauer (Minuten)
field-presenter = Vortragende Person
field-topic = Thema
field-text = Text
field-decision = Beschluss
field-owner = verantwortlich
field-due_on = fällig am
field-completed_on = erledigt am
field-raised_by = eingebracht von
field-municipalities = Gemeinden
field-display_name = Anzeigename
field-language = Sprache
field-scope = Zuständigkeit
field-organiser = Veranstalter
field-agenda_item = Tagesordnungspunkt

## Kreisarten

district-kind-landkreis = Landkreis
district-kind-kreisfreie_stadt = Kreisfreie Stadt
district-kind-kreis = Kreis
district-kind-stadtkreis = Stadtkreis
district-kind-regionalverband = Regionalverband

## Meilensteine (Bausteine von ASSKomm)

milestone-contacted = Kontakt aufgenommen
milestone-consultation = Beratung
milestone-model_municipality = Modellkommune
milestone-council_constituted = Präventionsrat konstituiert
milestone-preliminary_agreement = Vorvereinbarung unterzeichnet
milestone-cooperation_agreement = Kooperationsvereinbarung unterzeichnet
milestone-coaching_started = Coaching begonnen
milestone-coaching_ended = Coaching beendet
milestone-security_analysis_started = Sicherheitsanalyse begonnen
milestone-security_analysis_completed = Sicherheitsanalyse abgeschlossen
milestone-funding_granted = Förderung bewilligt
milestone-staff_trained = Fachkräfte qualifiziert

## Akteure

actor-kind-person = Person
actor-kind-organisation = Organisation
pillar-state_police = Freistaat / Polizei
pillar-civic = Bürgerschaftliches Engagement
pillar-municipality = Kommune / Verwaltung
pillar-support = Unterstützungsangebote

## Pillar coverage of a municipality (coverage.rs)
coverage-missing-state_police = Kein Kontakt zur Polizei
coverage-missing-civic = Keine zivilgesellschaftlichen Akteure
coverage-missing-municipality = Keine Akteure aus Kommune und Verwaltung
coverage-missing-support = Keine Unterstützungsangebote
coverage-no-contact-state_police = Polizei erfasst, aber keine aktuelle Ansprechperson
coverage-no-contact-civic = Zivilgesellschaftliche Akteure erfasst, aber keine aktuelle Ansprechperson
coverage-no-contact-municipality = Verwaltung erfasst, aber keine aktuelle Ansprechperson
coverage-no-contact-support = Unterstützungsangebote erfasst, aber keine aktuelle Ansprechperson
organisation-kind-administration = Stadt- / Gemeindeverwaltung
organisation-kind-public_order_office = Ordnungsamt
organisation-kind-youth_office = Jugendamt
organisation-kind-social_office = Sozialamt
organisation-kind-school_office = Schulverwaltung
organisation-kind-health_office = Gesundheitsamt / Suchtkoordination
organisation-kind-planning_office = Stadtplanung / Quartiersmanagement
organisation-kind-district_office = Landratsamt
organisation-kind-municipal_company = Kommunales Unternehmen
organisation-kind-police_directorate = Polizeidirektion
organisation-kind-police_station = Polizeirevier / Polizeiposten
organisation-kind-security_watch = Sicherheitswacht
organisation-kind-justice = Justiz
organisation-kind-school = Schule
organisation-kind-youth_work = Jugendarbeit / Jugendhilfeträger
organisation-kind-streetwork = Streetwork / Mobile Jugendarbeit
organisation-kind-addiction_counselling = Suchtberatung
organisation-kind-social_services = Wohlfahrtsverband / freier Träger
organisation-kind-migration_counselling = Migrations- / Integrationsberatung
organisation-kind-victim_support = Opferhilfe / Gewaltschutz
organisation-kind-church = Kirchgemeinde
organisation-kind-association = Verein
organisation-kind-citizens_initiative = Bürgerinitiative / Bürgerplattform
organisation-kind-business = Gewerbe / Handel
organisation-kind-housing_company = Wohnungsunternehmen
organisation-kind-state_agency = Landesstelle
organisation-kind-coaching = Coaching / Beratungsinstitut
organisation-kind-conflict_counselling = Konfliktberatung
organisation-kind-research = Hochschule / Forschung
organisation-kind-other = Sonstige
legal-basis-consent = Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)
legal-basis-contract = Vertrag (Art. 6 Abs. 1 lit. b DSGVO)
legal-basis-public_task = Öffentliche Aufgabe (Art. 6 Abs. 1 lit. e DSGVO)
legal-basis-legitimate_interest = Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)

## Gremien

body-kind-prevention_council = Kommunaler Präventionsrat
body-kind-steering_group = Lenkungsgruppe
body-kind-working_group = Arbeitsgruppe
body-kind-secretariat = Geschäftsstelle
body-kind-other = Sonstiges Gremium
body-role-chair = Vorsitz
body-role-deputy_chair = stellvertretender Vorsitz
body-role-coordinator = Koordination / Geschäftsstelle
body-role-member = Mitglied
body-role-advisory = beratendes Mitglied
body-role-guest = Gast

## Beziehungen

tie-kind-cooperation = Zusammenarbeit
tie-kind-information_exchange = Informationsaustausch
tie-kind-formal_agreement = Formale Vereinbarung
tie-kind-funding = Förderung
tie-kind-instruction = Weisung
tie-kind-conflict = Konflikt
tie-kind-met_at_meeting = beim Treffen begegnet

## Problemlagen

trend-rising = zunehmend
trend-stable = gleichbleibend
trend-falling = abnehmend
trend-unknown = unbekannt
problem-status-open = offen
problem-status-in_progress = in Bearbeitung
problem-status-monitoring = unter Beobachtung
problem-status-resolved = erledigt
visibility-municipality = nur eigene Gemeinde
visibility-region = Region
visibility-network = gesamtes Netzwerk

## Treffen

meeting-format-in_person = Präsenz
meeting-format-online = online
meeting-format-hybrid = hybrid
meeting-status-planned = geplant
meeting-status-held = durchgeführt
meeting-status-cancelled = abgesagt
participation-status-invited = eingeladen
participation-status-registered = angemeldet
participation-status-waitlisted = Warteliste
participation-status-excused = entschuldigt
participation-status-attended = teilgenommen
participation-status-absent = nicht erschienen
action-status-open = offen
action-status-in_progress = in Arbeit
action-status-done = erledigt
action-status-cancelled = entfallen
topic-status-raised = eingebracht
topic-status-scheduled = eingeplant
topic-status-discussed = besprochen
topic-status-follow_up = Nachbereitung
topic-status-closed = abgeschlossen

## Benutzer und Protokoll

role-admin = Administration
role-coordinator = Koordination
role-member = Mitglied
role-viewer = Lesezugriff
entity-district = Kreis
entity-municipality = Gemeinde
entity-region = Netzwerkregion
entity-milestone = Meilenstein
entity-organisation = Organisation
entity-person = Person
entity-membership = Mitgliedschaft
entity-body = Gremium
entity-body_member = Gremienmitglied
entity-tie = Beziehung
entity-problem_category = Problemkategorie
entity-problem = Problemlage
entity-practice = Praxisbeispiel
entity-meeting_series = Treffenreihe
entity-meeting = Treffen
entity-participation = Teilnahme
entity-agenda_item = Tagesordnungspunkt
entity-decision = Beschluss
entity-action_item = Aufgabe
entity-topic = Thema
entity-topic_vote = Stimme für ein Thema
entity-round_table_template = Vorlage für runde Tische
entity-user = Benutzerkonto
entity-database = Datenbank
audit-action-create = angelegt
audit-action-update = geändert
audit-action-delete = gelöscht
audit-action-import = importiert
audit-action-reset = zurückgesetzt
audit-action-restore = wiederhergestellt
channel-cli = Kommandozeile
channel-web = Web
channel-api = API
channel-system = System

## Ergänzende Prüfregeln

rule-only-when-done = ist nur beim Status „erledigt“ erlaubt
rule-topic-transition = ein Thema im Stand „{ $from }“ kann nicht in den Stand „{ $to }“ wechseln; möglich ist von dort: { $allowed }
rule-ambiguous-reference = „{ $key }“ bezeichnet sowohl eine Person als auch eine Organisation; vergeben Sie eindeutige Referenzen

## Import

import-at-cell = { $file }, Zeile { $line }, Spalte „{ $column }“: { $problem }
import-at-line = { $file }, Zeile { $line }: { $problem }
import-at-file = { $file }: { $problem }
import-not-utf8 = die Datei ist nicht im Format UTF-8 gespeichert (in Excel: „Speichern unter“ → „CSV UTF-8“)
import-empty = die Datei ist leer; erwartet wird eine Kopfzeile mit Spaltennamen und mindestens ein Datensatz
import-no-rows = die Datei enthält nur die Kopfzeile, aber keine Datensätze
import-malformed = die CSV-Struktur ist fehlerhaft ({ $detail })
import-cell-count = die Zeile hat { $found } Zellen, die Kopfzeile { $expected }; prüfen Sie Trennzeichen und Anführungszeichen
import-missing-column = die Pflichtspalte „{ $column }“ fehlt in der Kopfzeile
import-unknown-column = die Spalte „{ $column }“ ist unbekannt; mögliche Spalten: { $known }
import-duplicate-column = die Spalte „{ $column }“ steht mehrfach in der Kopfzeile
import-duplicate-key = „{ $key }“ kommt mehrfach vor (zuerst in Zeile { $first })
import-unreadable = die Datei kann nicht gelesen werden ({ $reason })
import-no-known-files = das Verzeichnis enthält keine bekannte Importdatei; erwartet werden Dateien wie { $expected }
import-more-errors = … und { $count } weitere Fehler

import-kind-districts = Kreise
import-kind-municipalities = Gemeinden
import-kind-regions = Netzwerkregionen
import-kind-milestones = Meilensteine
import-kind-organisations = Organisationen
import-kind-persons = Personen
import-kind-memberships = Mitgliedschaften
import-kind-bodies = Gremien
import-kind-body_members = Gremienmitglieder
import-kind-meeting_series = Treffenreihen
import-kind-meetings = Treffen
import-kind-ties = Beziehungen
import-kind-problems = Problemlagen
import-kind-practices = Praxisbeispiele
import-kind-participations = Teilnahmen
import-kind-topics = Themen
import-kind-agenda_items = Tagesordnungspunkte
import-kind-decisions = Beschlüsse
import-kind-action_items = Aufgaben
rule-only-for-consent = ist nur bei der Rechtsgrundlage „Einwilligung“ anzugeben; prüfen Sie die Rechtsgrundlage
rule-parent-cycle = das Gremium käme unter sich selbst zu liegen; wählen Sie ein übergeordnetes Gremium, das nicht zu ihm gehört
import-not-a-directory = ist kein Verzeichnis

# Gemeindegrenzen (GeoJSON)
field-boundary = Gemeindegrenze
entity-boundary = Gemeindegrenze
rule-ring-too-short = Ring { $ring } hat { $points } { $points ->
    [one] Punkt
   *[other] Punkte
  }; ein Ring braucht mindestens vier (der erste am Ende wiederholt)
rule-ring-not-closed = Ring { $ring } endet nicht, wo er beginnt; wiederholen Sie den ersten Punkt am Ende
rule-last-admin = das letzte aktive Administratorkonto muss Administrator und aktiv bleiben; ernennen Sie zuerst ein weiteres Konto zum Administrator
rule-from-attendance = Beziehungen der Art „beim Treffen begegnet“ entstehen aus der erfassten Teilnahme an einem Treffen und lassen sich nicht von Hand erfassen, ändern oder löschen; erfassen Sie stattdessen auf der Seite des Treffens, wer teilgenommen hat
json-kind-object = ein Objekt
json-kind-array = eine Liste (Array)
json-kind-string = eine Zeichenkette
json-kind-number = eine Zahl
import-at-path = { $file }, { $path }: { $problem }
import-invalid-json = die Datei ist kein gültiges JSON (Spalte { $column }: { $detail })
import-json-kind = erwartet wird { $expected }
import-missing-member = das Element „{ $member }“ fehlt
import-not-feature-collection = die Datei ist ein GeoJSON-„{ $found }“; erwartet wird eine FeatureCollection
import-no-features = die FeatureCollection enthält keine Features
import-unsupported-crs = das Koordinatenreferenzsystem „{ $name }“ wird nicht unterstützt; geben Sie Länge und Breite in WGS 84 an (CRS84 oder EPSG:4326), zum Beispiel mit ogr2ogr -t_srs EPSG:4326
import-unsupported-geometry = die Geometrie ist ein „{ $found }“; eine Gemeindegrenze muss ein Polygon oder MultiPolygon sein
import-missing-ags = das Feature nennt keine Gemeinde: geben Sie die Eigenschaft „AGS“ (8 Ziffern) oder „ARS“ (12 Ziffern) an

## Netzwerkdateien und Analyse
netfile-at-line = Zeile { $line }: { $problem }
netfile-not-utf8 = die Datei ist kein UTF-8-Text
netfile-xml = das XML ist nicht wohlgeformt: { $reason }
netfile-csv = die CSV-Datei ist nicht lesbar: { $reason }
netfile-not-format = das ist keine { $format }-Datei (ihr Wurzelelement ist ein anderes)
netfile-missing-attribute = dem Element <{ $element }> fehlt das Attribut „{ $attribute }“
netfile-bad-attribute = „{ $attribute }“ hat den Wert „{ $value }“, den dieses Programm nicht liest
netfile-duplicate-node = der Knoten „{ $id }“ ist doppelt angegeben
netfile-empty-id = eine Knotenkennung ist leer
netfile-unknown-node = die Kante nennt den Knoten „{ $id }“, den die Datei nicht angibt
netfile-unknown-weight = das Gewichtsattribut „{ $name }“ ist für Kanten nicht deklariert
netfile-missing-weight = die Kante hat keinen Wert für das Gewicht „{ $name }“ und das Attribut keinen Standardwert
netfile-weight-not-number = das Gewicht „{ $value }“ ist keine Zahl
netfile-weight-not-positive = das Gewicht „{ $value }“ ist keine endliche Zahl größer null
netfile-csv-header = die Kopfzeile muss mit „source,target“ beginnen; gefunden: „{ $found }“
netfile-empty = die Datei enthält kein Netzwerk (keine Knoten, bei CSV keine Kanten)
netfile-too-large = das Netzwerk hat mehr Knoten, als praevnetz analysieren kann (2³² − 1)
analysis-unknown-metric = „{ $name }“ ist keine Kennzahl; bekannt sind: { $known }
analysis-note-self-loops = { $count } Schleifen (Kanten eines Knotens zu sich selbst) wurden entfernt
analysis-note-duplicates = { $count } mehrfach angegebene Kanten wurden einmal gezählt (mit dem zuletzt angegebenen Gewicht)
analysis-note-not-converged = { $metric } kam in { $iterations } Iterationen nicht zur Ruhe; die Werte bleiben leer
analysis-note-estimated = { $metric } wurde aus { $samples } zufällig gewählten kürzesten Wegen geschätzt (für exakte Werte in Sekunden ist das Netzwerk zu groß): jeder Wert liegt mit { $confidence } % Sicherheit höchstens ±{ $epsilon } vom exakten entfernt; --exact rechnet exakt

## Runder Tisch

table-role-police = Polizei
table-role-public_order = Ordnungsamt
table-role-administration = Verwaltungsspitze
table-role-youth_office = Jugendamt
table-role-social_services = Soziale Dienste
table-role-school = Schule
table-role-health = Gesundheitsamt
table-role-planning = Stadtplanung
table-role-housing = Wohnungswirtschaft
table-role-security_watch = Sicherheitswacht
table-role-justice = Justiz
table-role-youth_work = Jugendarbeit
table-role-streetwork = Streetwork
table-role-addiction_counselling = Suchtberatung
table-role-migration = Migrationsberatung
table-role-victim_support = Opferhilfe
table-role-conflict_counselling = Konfliktberatung
table-role-church = Kirche
table-role-civic = Vereine und Bürgerinitiativen
table-role-business = Gewerbe und Handel
table-local-municipality = aus der Kommune
table-local-district = beim Landkreis
table-local-police = zuständiges Polizeirevier
table-local-problem = für die Problemlage zuständig
table-reason-included = ausdrücklich gewünscht
table-reason-role = Rolle: { $role }
table-reason-local = örtlich zuständig: { $local }
table-reason-pillar = einziger Sitz der Säule „{ $pillar }“
table-reason-influence = einflussreich im Netzwerk (Rang { $rank } von { $of })
table-reason-broker = verbindet sonst getrennte Gruppen (Rang { $rank } von { $of })
table-reason-connected = kennt { $direct } der { $others } anderen direkt und { $via } über eine Person
table-reason-load = Auslastung: { $bodies } Gremien, { $actions } offene Aufgaben, { $meetings } Treffen im letzten halben Jahr
table-objective = Zielwert { $value }: { $roles } von { $needed } Rollen besetzt, { $local } von { $available } örtlichen Zuständigkeiten, { $pillars } Säulen am Tisch; { $connected } % der Paare kennen sich direkt oder über eine Person. Ausgewählt aus { $pool } Personen.
table-error-no-template = für die Kategorie „{ $category }“ gibt es keine Rollenvorlage; eine Administratorin kann sie unter „Verwaltung → Runder Tisch“ anlegen
table-error-no-actors = in { $municipality } arbeitet niemand bei einer dort ansässigen Organisation; erfassen Sie zuerst die Akteure der Kommune
table-error-seats = { $found } Plätze sind nicht möglich; erlaubt sind 1 bis { $max }
table-error-pool = { $seats } Plätze sind mehr, als es Personen zur Auswahl gibt ({ $pool })
table-error-unknown-person = eine Person mit der Nummer { $id } gibt es nicht
table-error-both = die Person { $id } ist zugleich gewünscht und ausgeschlossen
table-error-too-many-included = { $included } gewünschte Personen sind mehr als die { $seats } Plätze
