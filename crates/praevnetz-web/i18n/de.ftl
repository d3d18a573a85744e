## Frame
nav-skip = Zum Inhalt springen
nav-label = Hauptnavigation
nav-language = Sprache wählen
nav-overview = Übersicht
nav-admin = Verwaltung
nav-login = Anmelden
nav-logout = Abmelden
nav-password = Passwort ändern
nav-about = Über praevnetz und Datenquellen

## Errors
error-request-id = Anfragenummer (bei Rückfragen angeben)
error-not-found-title = Nicht gefunden
error-not-found = Diese Seite gibt es nicht, oder Sie haben keinen Zugriff darauf.
error-forbidden-title = Nicht erlaubt
error-forbidden = Das dürfen Sie mit Ihrer Rolle nicht tun.
error-csrf-title = Formular abgelaufen
error-csrf = Das Formular war nicht mehr gültig und wurde nicht verarbeitet.
error-csrf-hint = Laden Sie die Seite neu und senden Sie das Formular noch einmal.
error-session-ended-title = Sitzung beendet
error-session-ended = Ihre Sitzung ist abgelaufen; das Formular wurde nicht gespeichert.
error-session-ended-hint = Melden Sie sich erneut an und geben Sie die Angaben noch einmal ein.
error-method-title = Nicht möglich
error-method = Diese Adresse kann so nicht aufgerufen werden.
error-timeout-title = Zeitüberschreitung
error-timeout = Die Anfrage hat zu lange gedauert.
error-timeout-hint = Versuchen Sie es in einem Moment noch einmal.
error-too-large-title = Zu groß
error-too-large = Die gesendeten Daten sind zu groß.
error-too-many-title = Zu viele Versuche
error-too-many = Zu viele fehlgeschlagene Anmeldungen.
error-too-many-hint = Bitte warten Sie { $minutes } { $minutes ->
    [one] Minute
   *[other] Minuten
} und versuchen Sie es dann erneut.
error-busy-title = Bitte warten
error-busy = Es läuft bereits eine längere Berechnung.
error-busy-hint = Sie ist zu { $percent } % fertig. Bitte versuchen Sie es danach noch einmal.
error-conflict-title = Nicht mehr möglich
error-conflict = Das passt nicht zum Stand: Ein Treffen, das stattgefunden hat oder abgesagt ist, nimmt keine Themen mehr auf, und abgeschlossene Themen werden nicht mehr eingeplant.
error-unavailable-title = Vorübergehend nicht verfügbar
error-unavailable = Die Datenbank ist gerade nicht erreichbar.
error-unavailable-hint = Bitte versuchen Sie es in etwa einer halben Minute noch einmal.
error-bad-request-title = Ungültige Anfrage
error-bad-request = Die Anfrage enthält Angaben, die nicht verstanden wurden.
error-internal-title = Fehler
error-internal = Etwas ist schiefgegangen. Der Fehler wurde protokolliert.

## Login and account
login-title = Anmelden
login-email = E-Mail-Adresse
login-password = Passwort
login-submit = Anmelden
login-error-email = Bitte geben Sie eine gültige E-Mail-Adresse ein.
login-error-failed = E-Mail-Adresse oder Passwort sind nicht richtig.
password-title = Passwort ändern
password-current = Bisheriges Passwort
password-new = Neues Passwort
password-repeat = Neues Passwort wiederholen
password-rule = Mindestens 10 Zeichen.
password-submit = Passwort ändern
password-done = Ihr Passwort wurde geändert. Andere Anmeldungen mit dem alten Passwort wurden beendet.
password-error-short = Das neue Passwort ist zu kurz: mindestens 10 Zeichen.
password-error-long = Das neue Passwort ist zu lang: höchstens 200 Zeichen.
password-error-repeat = Die Wiederholung stimmt nicht mit dem neuen Passwort überein.
password-error-current = Das bisherige Passwort ist nicht richtig.

## Overview
overview-title = Übersicht
overview-scope = Ihr Bereich
overview-scope-network = das ganze Netzwerk
overview-municipalities = Kommunen
overview-blocks = Kommunen nach Programmbaustein
overview-block = Baustein
overview-count-municipalities = Kommunen
overview-problems = Offene Problemlagen nach Kategorie
overview-open-problems = Offene Problemlagen
overview-category = Kategorie
overview-count = Anzahl
overview-no-problems = Keine offenen Problemlagen in Ihrem Bereich.
overview-meetings = Nächste Treffen
overview-no-meetings = Keine Treffen geplant.
overview-changes-all = Letzte Änderungen im Netzwerk
overview-changes-own = Ihre letzten Änderungen
overview-no-changes = Noch keine Änderungen.

## About
about-title = Über praevnetz
about-intro = praevnetz ist die Arbeitsplattform kommunaler Präventionsnetzwerke: Akteure, Beziehungen, Problemlagen, gute Praxis und Vernetzungstreffen an einem Ort.
about-sources = Datenquellen
about-source-lau = Gemeindeschlüssel und -namen: Eurostat GISCO „Local Administrative Units“ 2024 (© Europäische Union / EuroGeographics für die Verwaltungsgrenzen; Schlüssel und Namen wie von Destatis veröffentlicht).
about-source-destatis = Fläche und Bevölkerung der Kreise: Statistisches Bundesamt (Destatis), Datenlizenz Deutschland – Namensnennung – Version 2.0.
about-source-geonames = Koordinaten und Einwohnerzahlen der Hauptorte: GeoNames (geonames.org), CC BY 4.0.
about-source-demo = Die Demodaten (Personen, Beziehungen, Problemlagen, Treffen) sind erfunden; Ähnlichkeiten mit realen Personen sind nicht beabsichtigt.
about-licence = Lizenz
about-licence-text = praevnetz ist freie Software unter der GNU Affero General Public License, Version 3 oder später.
about-privacy = Datenschutz
about-privacy-text = Die gespeicherten Daten sind personenbezogen. Zugriff erhalten nur angemeldete Nutzerinnen und Nutzer im Rahmen ihrer Rolle; jede Änderung wird protokolliert.
