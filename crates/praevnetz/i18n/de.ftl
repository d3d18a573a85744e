# praevnetz – Meldungen der Kommandozeile (Deutsch)

cli-error = Fehler
cli-cause = Ursache
cli-init-done = Datenbank bereit: { $url } (Schemaversion { $version })
cli-stats-title = Datenbank { $url }
cli-serve-listening = praevnetz läuft unter { $url }
cli-serve-stopping = praevnetz wird beendet …
