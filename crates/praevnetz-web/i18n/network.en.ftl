## Network (/netzwerk)
nav-network = Network
network-title = Network
network-lead = Who works with whom: the network of an area on a given day, its weak points, its brokers, and suggestions for new ties.
network-filter = Choose the network
network-area = Area
network-area-all = Whole network
network-level = Level
network-level-person = Persons
network-level-organisation = Organisations
network-level-municipality = Municipalities
network-day = Day
network-compare-day = Compare with
network-compare-hint = Optional: an earlier day; the page shows what has changed since.
network-bad-compare = The comparison day is not a valid date (YYYY-MM-DD); nothing is compared.
network-cmp-heading = Change from { $before } to { $after }
network-cmp-figures = The network on both days
network-cmp-measure = Measure
network-cmp-before = before
network-cmp-after = after
network-cmp-change = Change
network-cmp-nodes = Actors
network-cmp-edges = Ties
network-cmp-across-pillars = Ties between pillars
network-cmp-across-places = Ties between municipalities
network-cmp-components = Separate parts
network-cmp-isolated = Actors without a tie
network-cmp-density = Density
network-cmp-new = New ties
network-cmp-new-count = { $count } new { $count ->
    [one] tie
   *[other] ties
}, { $pillars } of them between pillars and { $places } between municipalities.
network-cmp-ended = Ended ties
network-cmp-part = The { $shown } strongest of { $total } are shown.
network-cmp-joined = New in the network
network-cmp-left = No longer in the network
network-cmp-movers = Largest changes
network-cmp-movers-explain = Actors whose ties or betweenness changed most. Higher betweenness: they now connect more; lower: others found direct ways – or the actor is less involved.
network-cmp-estimated = Betweenness is estimated on at least one of the two days, or exact on one only; small changes of it may be estimation error. The table is ordered by the change of ties.
network-cmp-anchors = See a meeting's effect
network-cmp-anchor = { $meeting } on { $day }: { $before } compared with { $after }
network-size = Size by
network-unknown-area = This area does not exist or you may not see its network; your own is shown.
network-unknown-level = This level does not exist; persons are shown.
network-bad-day = This is not a valid date (YYYY-MM-DD); today is shown.
network-unknown-size = This measure does not exist; sizes follow betweenness.
network-meeting-ties = Ties “met at meeting”
network-meeting-ties-with = include
network-meeting-ties-without = leave out
network-meeting-ties-hint = They follow from attending meetings (strength 1); leaving them out shows working ties only.
network-meeting-ties-left-out = Without ties “met at meeting”: only working ties are shown.
network-unknown-meeting-ties = “treffen” takes only “mit” or “ohne”; ties “met at meeting” are included.
network-no-area = Your account has no area whose network you may see.
network-empty = This area has no actors on this day.
network-summary = { $nodes } actors, { $edges } ties on { $day }; { $components } { $components ->
    [one] connected part
   *[other] separate parts
}, { $communities } groups; density { $density }.
network-estimated = The network is large: betweenness is estimated from samples (every value within ±{ $epsilon } with { $confidence } % confidence).
network-svg-title = Network picture: { $area }
network-svg-desc = { $nodes } actors and { $edges } ties; colour and shape show the pillar, size the chosen measure. The table below holds the same data.
network-caption = Colour and shape show the pillar, size the chosen measure; heavy outline: a key person without whom the network falls apart. The table below holds all values.
network-drawn-part = The { $drawn } strongest of { $total } actors are drawn.
network-listed-part = The table shows the { $listed } strongest of { $total } actors; "praevnetz analyze" gives all values.
network-pillar-none = no pillar
network-legend-cut = key person
network-risks = Structural risks
network-risks-lead = Where the network hangs on single actors or ties, or where pillars are missing.
network-cuts = Key persons (articulation points)
network-cuts-explain = If one of these actors leaves (new job, retirement), the network falls apart into parts no longer connected. What to do: name deputies and introduce more people to each other directly.
network-bridges = Only connections (bridges)
network-bridges-explain = These ties are the only way between two parts of the network. What to do: build a second connection between the two parts, for example at a networking meeting.
network-isolated = Actors without ties
network-isolated-explain = They are recorded but tied to nobody on this day. What to do: invite them to the next meeting or check whether ties are missing.
network-unlinked = Municipalities without a tie between administration and police
network-unlinked-explain = Here no actor of the municipal administration has a tie to the police. What to do: bring together contacts at the police station and the public order office.
network-gaps = Missing pillars
network-gaps-explain = In these municipalities nobody from one or more of the four pillars is in the network. What to do: approach and win suitable actors.
network-brokers = Brokers
network-brokers-explain = Actors who stand between others who do not know each other, connecting pillars or municipalities (brokerage roles after Gould and Fernandez). The number tells how many such pairs they connect. They are valuable door-openers – and burdened when everything runs through them.
network-brokers-pillars = between pillars
network-brokers-places = between municipalities
network-suggestions = Suggested new ties
network-suggestions-explain = Pairs who do not know each other yet but share contacts (resource allocation index); pairs from different pillars first. A shared contact can introduce them.
network-shared = shared contacts
network-across = connects pillars
network-table = All measures
network-col-name = Name
network-col-pillar = Pillar
network-col-municipality = Municipality
network-cut-badge = key person
network-none = None.
network-m-degree = Ties
network-m-betweenness = Betweenness
network-m-closeness = Closeness
network-m-pagerank = PageRank
network-m-eigenvector = Eigenvector
network-m-constraint = Constraint
network-m-core = Core
network-m-community = Group
network-explain = What the measures mean
network-x-degree = How many others the actor is tied to. Many: well connected, perhaps overloaded; few: draw them in.
network-x-betweenness = How often the actor lies on the shortest path between two others (0 to 1). High: a broker much runs through – relieve them and secure a deputy.
network-x-closeness = How quickly the actor reaches everybody in few steps (0 to 1). High: good for spreading information fast.
network-x-pagerank = Influence through ties to actors who are well connected themselves. High: important multipliers for new projects.
network-x-eigenvector = How much the actor stands in the densely tied centre. High: part of the inner circle.
network-x-constraint = How much the actor's contacts are tied to each other as well (Burt). High: a closed circle with few new impulses; low: connects separate groups.
network-x-core = Which core of the network the actor belongs to: k means tied to at least k others of the same core. High: a firm part of the network; 1: at the edge.
network-x-community = Groups more densely tied among themselves than to the rest (Louvain method). What to do: plan meetings across group boundaries.

## Ego network (person and organisation pages)
ego-title = Ego network
ego-summary = Today { $contacts } direct { $contacts ->
    [one] contact
   *[other] contacts
} from { $pillars } { $pillars ->
    [one] pillar
   *[other] pillars
}; { $among } of { $pairs } possible ties among the contacts exist.
ego-holes = Effective size { $effective } of { $contacts }, constraint { $constraint }: { $open ->
    [0] all contacts know each other.
    [one] one pair of contacts does not know each other directly – room to broker.
   *[other] { $open } pairs of contacts do not know each other directly – room to broker.
}
ego-missing = Pillars without a contact
ego-svg-title = Ego network: { $name }
ego-svg-desc = { $contacts } { $contacts ->
    [one] contact
   *[other] contacts
} and { $edges } { $edges ->
    [one] tie
   *[other] ties
}; the actor in the centre. Colour and shape show the pillar. The table below gives the same data.
ego-caption = The actor and today's direct contacts with the ties among them; colour and shape show the pillar, size how many other contacts someone knows.
ego-table = Direct contacts
ego-context = Organisation or municipality
ego-weight = Strength
ego-shared = knows other contacts
ego-explain = Strength: sum of the strengths (1–5) of the ties. Effective size: how many contacts stand on their own rather than knowing each other; high constraint (Burt) means a closed circle. Only contacts you may see are shown; the figures refer to this picture.
ego-network-link = To the whole network

## Exact computation in the background
network-exact-start = Compute betweenness exactly
network-exact-start-hint = The computation runs in the background and may take a few minutes for large networks; its progress is shown on a page of its own.
network-exact-running = The exact computation for this choice is running.
network-exact-follow = To the computation
network-exact-note = Betweenness is computed exactly (background computation).
job-title = Exact computation
job-what = Betweenness for { $area }, level { $level }, day { $day }: { $nodes } actors, { $edges } ties.
job-running = Running
job-done = Done
job-stopped = Stopped
job-progress-label = Progress
job-progress = { $done } of { $total } searches ({ $percent } %) in { $seconds } s.
job-progress-left = { $done } of { $total } searches ({ $percent } %), for { $seconds } s; about { $left } s left.
job-stale = The data have changed since the start. The values hold for the data as they were and are no longer shown in the network; start the computation again there.
job-explain = One search over the whole network runs for each actor. When the computation is done, the network page shows the exact values for this choice instead of the estimate.
job-refresh = Refresh
job-to-network = To the network
job-stop = Stop the computation

## Groups
network-groups = Groups
network-groups-explain = Parts of the network tied more closely among themselves than to the rest (Louvain method). A group of a single pillar or with few ties to the outside easily keeps to itself. What to do: plan meetings across group lines and win the best connected as door-openers.
network-groups-caption = Groups by size
network-groups-pillars = Pillars
network-groups-inside = Ties inside
network-groups-outside = to the outside
network-groups-leading = best connected
network-groups-more = Also { $groups } smaller { $groups ->
    [one] group
   *[other] groups
} with { $actors } { $actors ->
    [one] actor
   *[other] actors
} in all.
network-groups-apart = Groups without a tie between them
network-groups-apart-explain = Between these groups (of three actors or more) there is not a single tie. What to do: bring one person of each group together.
network-pillar-ties = Ties between the pillars
network-pillar-ties-explain = How many ties there are between two pillars and within each pillar. Empty or small cells show pillars that hardly talk to each other.
