# praevnetz – Meldungen der Datenhaltung (Deutsch)

store-unsupported-url = Die Datenbankadresse „{ $url }“ wird nicht unterstützt: verwenden Sie sqlite://PFAD (zum Beispiel sqlite://praevnetz.db) oder postgres://BENUTZER@SERVER/DATENBANK
store-missing = Unter { $path } gibt es keine Datenbank; legen Sie sie mit „praevnetz init“ an
store-connect = Keine Verbindung zur { $backend }-Datenbank unter { $url }
store-migrate = Das Datenbankschema kann nicht aktualisiert werden
store-schema-too-new = Die Datenbank stammt von einer neueren praevnetz-Version (Schemaversion { $found }, dieses Programm kennt bis { $known }); verwenden Sie die neuere Version
store-not-found = { $entity } { $id } existiert nicht
store-corrupt = Gespeicherte Daten sind ungültig ({ $entity } { $id }): { $problem }
store-database = Datenbankfehler
