# praevnetz – storage messages (English)

store-unsupported-url = unsupported database URL "{ $url }": use sqlite://PATH (for example sqlite://praevnetz.db) or postgres://USER@HOST/DATABASE
store-missing = there is no database at { $path }; create it with "praevnetz init"
store-connect = cannot connect to the { $backend } database at { $url }
store-migrate = cannot bring the database schema up to date
store-schema-too-new = the database was written by a newer version of praevnetz (schema version { $found }, this program knows up to { $known }); use the newer version
store-not-found = { $entity } { $id } does not exist
store-corrupt = stored data are invalid ({ $entity } { $id }): { $problem }
store-database = database error
store-io = cannot access { $path } ({ $reason })
store-backup-exists = the file { $path } exists already; choose another name or overwrite it with --force
store-backup-same-file = { $path } is the database itself; a backup needs another file
store-backup-postgres = praevnetz does not write its own backups of PostgreSQL databases. Use PostgreSQL's tools, for example: pg_dump --format=custom{ $schema } --file={ $path } "{ $url }" (consistent while the database is in use)
store-restore-postgres = praevnetz does not restore PostgreSQL databases itself. Use: pg_restore --clean --if-exists{ $schema } --dbname="{ $url }" { $path }
store-restore-missing = the backup file { $path } does not exist
store-restore-not-sqlite = { $path } is not a SQLite database and therefore no praevnetz backup
store-restore-damaged = { $path } is damaged ({ $detail }); nothing was restored
store-restore-not-praevnetz = { $path } is not a praevnetz database (missing or foreign schema versions); nothing was restored
store-backup-no-directory = the directory { $path } does not exist; create it or choose another
store-pg-password = Give the tools the password through the environment variable PGPASSWORD or the file ~/.pgpass.
store-not-empty = the database holds data already
