# praevnetz – Meldungen der Datenhaltung (Deutsch)

store-unsupported-url = Die Datenbankadresse „{ $url }“ wird nicht unterstützt: verwenden Sie sqlite://PFAD (zum Beispiel sqlite://praevnetz.db) oder postgres://BENUTZER@SERVER/DATENBANK
store-missing = Unter { $path } gibt es keine Datenbank; legen Sie sie mit „praevnetz init“ an
store-connect = Keine Verbindung zur { $backend }-Datenbank unter { $url }
store-migrate = Das Datenbankschema kann nicht aktualisiert werden
store-schema-too-new = Die Datenbank stammt von einer neueren praevnetz-Version (Schemaversion { $found }, dieses Programm kennt bis { $known }); verwenden Sie die neuere Version
store-not-found = { $entity } { $id } existiert nicht
store-corrupt = Gespeicherte Daten sind ungültig ({ $entity } { $id }): { $problem }
store-database = Datenbankfehler
store-io = Auf { $path } kann nicht zugegriffen werden ({ $reason })
store-backup-exists = Die Datei { $path } gibt es schon; wählen Sie einen anderen Namen oder überschreiben Sie sie mit --force
store-backup-same-file = { $path } ist die Datenbank selbst; eine Sicherung braucht eine andere Datei
store-backup-postgres = Für PostgreSQL erstellt praevnetz keine eigene Sicherung. Verwenden Sie die Werkzeuge von PostgreSQL, zum Beispiel: pg_dump --format=custom{ $schema } --file={ $path } "{ $url }" (die Sicherung ist im laufenden Betrieb konsistent)
store-restore-postgres = Für PostgreSQL stellt praevnetz keine Sicherung wieder her. Verwenden Sie: pg_restore --clean --if-exists{ $schema } --dbname="{ $url }" { $path }
store-restore-missing = Die Sicherungsdatei { $path } gibt es nicht
store-restore-not-sqlite = { $path } ist keine SQLite-Datenbank und damit keine praevnetz-Sicherung
store-restore-damaged = { $path } ist beschädigt ({ $detail }); es wurde nichts wiederhergestellt
store-restore-not-praevnetz = { $path } ist keine praevnetz-Datenbank (fehlende oder fremde Schemaversionen); es wurde nichts wiederhergestellt
store-backup-no-directory = Das Verzeichnis { $path } gibt es nicht; legen Sie es an oder wählen Sie ein anderes
store-pg-password = Das Passwort übergeben Sie den Werkzeugen über die Umgebungsvariable PGPASSWORD oder die Datei ~/.pgpass.
store-not-empty = Die Datenbank enthält bereits Daten
