## Map
nav-map = Map

map-title = Map
map-filter = Map settings
map-layer = Layer
map-layer-group-council = Bodies
map-layer-council = Prevention council
map-layer-group-blocks = Programme building blocks
map-layer-group-problems = Open problems by category
map-council-on = prevention council in place
map-council-off = no prevention council recorded
map-block-on = { $block }: reached
map-block-off = { $block }: not yet reached
map-problem-on = open problem “{ $category }”
map-problem-off = no open problem “{ $category }”
map-problem-count = open problems of this category
map-size = circle area by population of the main place
map-svg-title = Map: { $layer }
map-svg-desc = { $count ->
    [one] One municipality
   *[other] { $count } municipalities
  }; each links to its page. The table below the map holds the same information.
map-summary = { $on } of { $total } municipalities shown: { $state }
map-controls = Map view
map-zoom-in = Zoom in
map-zoom-out = Zoom out
map-zoom-reset = Whole map
map-controls-hint = Drag with the mouse to move the map; the mouse wheel zooms.
map-shapes-points = Municipalities are drawn at their main place.
map-shapes-areas = Municipalities with imported boundaries are drawn as areas, the others at their main place.
map-unlocated = Municipalities without a location
map-unlocated-none = All municipalities shown have a location.
map-table = The map as a table
map-state = On the map
map-not-drawn = not drawn (no location)
map-empty = No municipality matches this choice.
map-unknown-layer = There is no such layer; the layer “prevention council” is shown.
