# praevnetz – command-line messages (English)

cli-error = error
cli-cause = caused by
cli-init-done = database ready: { $url } (schema version { $version })
cli-stats-title = database { $url }
cli-serve-listening = praevnetz is running at { $url }
cli-serve-stopping = praevnetz is stopping …
