# praevnetz – storage messages (English)

store-unsupported-url = unsupported database URL "{ $url }": use sqlite://PATH (for example sqlite://praevnetz.db) or postgres://USER@HOST/DATABASE
store-missing = there is no database at { $path }; create it with "praevnetz init"
store-connect = cannot connect to the { $backend } database at { $url }
store-migrate = cannot bring the database schema up to date
store-schema-too-new = the database was written by a newer version of praevnetz (schema version { $found }, this program knows up to { $known }); use the newer version
store-not-found = { $entity } { $id } does not exist
store-corrupt = stored data are invalid ({ $entity } { $id }): { $problem }
store-database = database error
