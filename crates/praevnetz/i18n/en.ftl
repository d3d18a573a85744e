# praevnetz – command-line messages (English)

cli-error = error
cli-cause = caused by
cli-init-done = database ready: { $url } (schema version { $version })
cli-stats-title = database { $url }
cli-serve-listening = praevnetz is running at { $url }
cli-serve-stopping = praevnetz is stopping …
cli-import-table = { $file }: { $created } { $kind } created, { $updated } updated
cli-import-dry-run = Dry run: everything checked, nothing saved.
cli-import-boundaries = { $file }: boundaries of { $count } { $count ->
    [one] municipality
   *[other] municipalities
  } imported ({ $points } points after simplification)
cli-demo-not-empty = The database { $url } holds data already ({ $municipalities } municipalities, { $persons } persons). "praevnetz demo --force" replaces all data with the demo data.
cli-demo-generating = Generating the synthetic network …
cli-demo-done = Demo data loaded into { $url }: { $municipalities } municipalities, { $organisations } organisations, { $persons } persons, { $ties } ties.
cli-backup-done = Backup written: { $path } ({ $bytes } bytes, schema version { $version })
cli-restore-done = Restored from { $path }: { $municipalities } municipalities, { $persons } persons, { $ties } ties.
cli-serve-demo-loaded = The database was empty; the demo data have been loaded.
cli-config-unreadable = the configuration file { $path } cannot be read ({ $detail })
cli-config-invalid = the configuration file { $path } is invalid: { $detail }
cli-config-lang = the language "{ $found }" in the configuration file does not exist; possible are de and en
cli-serve-bind = the address { $addr } cannot be used ({ $reason }); choose another with --bind
cli-serve-failed = the server stopped unexpectedly ({ $reason })
cli-import-unknown-kind = "{ $kind }" is no known kind of import file; see docs/import.md
cli-demo-logins = Demo logins, password for all: { $password }
cli-analyze-unreadable = the network file { $path } cannot be read ({ $reason })
cli-analyze-file = { $path }: { $problem }
cli-analyze-summary = { $nodes } nodes, { $edges } edges ({ $kind }), density { $density }, { $components } { $components ->
    [one] component
   *[other] components
}
cli-analyze-directed = directed
cli-analyze-undirected = undirected
cli-analyze-more = All values per node: --format json or --format csv.
cli-analyze-top = Highest betweenness (brokers):
cli-format-not-here = this command offers the formats { $formats }
cli-compare-heading = Comparison of the network: { $before } → { $after }
cli-compare-nodes = Actors
cli-compare-edges = Ties
cli-compare-across-pillars = Ties between pillars
cli-compare-across-places = Ties between municipalities
cli-compare-components = Separate parts
cli-compare-isolated = Actors without a tie
cli-compare-counts = { $new } new and { $ended } ended ties; { $joined } actors joined, { $left } left the network.
cli-compare-movers = Largest changes (betweenness, ties):
cli-analyze-bad-scope = the scope “{ $scope }” is not all, region:SLUG, district:AGS or municipality:AGS
cli-analyze-unknown-scope = the scope “{ $scope }” names nothing stored
cli-analyze-bad-date = the date “{ $date }” is not a day in the form YYYY-MM-DD
cli-analyze-graph-and-scope = --graph analyses a file; --scope, --level, --at and --without-meeting-ties are for the stored network
cli-table-unknown-problem = there is no problem with the number { $id }
cli-table-unknown-municipality = there is no municipality with the key “{ $ags }” (expected: 8 digits, e.g. 14522140 for Flöha)
cli-table-unknown-category = “{ $code }” is not a category; known are: { $known }
cli-table-heading = Round table on { $category } in { $municipality }: { $seats } seats
cli-table-alternatives = could sit instead: { $names }
cli-table-gap-none = Not covered: { $role } – nobody in the network around the municipality has this role
cli-table-gap-seat = Not covered: { $role } – the seats did not suffice
cli-impact-unknown-meeting = there is no meeting with the number { $id }
cli-impact-unknown-series = there is no meeting series with the number { $id }
cli-impact-meeting = Effect of “{ $title }” ({ $day }) on the working ties of its { $attended } participants:
cli-impact-series = Effect of the series “{ $name }” ({ $meetings } meetings) on the working ties of its { $attended } participants:
cli-impact-too-early = too early to tell (no meeting held, or three months have not passed)
cli-impact-columns = day          months  ties    new  pillars  places    parts
cli-impact-graph = --meeting and --series look at stored meetings; --graph, --compare, --scope and --level do not go with them
