# praevnetz – domain messages (English)

## Validation rules

validation-error = { $field }: { $rule }
rule-required = is required
rule-not-blank = must not be blank
rule-too-long = is too long (at most { $max } characters)
rule-control-characters = contains control characters (such as line breaks) that are not allowed here
rule-digits = must be exactly { $len } digits, found "{ $found }"
rule-unknown-state = "{ $found }" is not the key of a German state (01–16)
rule-unknown-district = there is no district with the key "{ $found }"; import the districts first
rule-district-mismatch = the municipality key "{ $ags }" does not begin with the district key "{ $district }"
rule-state-mismatch = the key "{ $ags }" does not begin with the state key "{ $state }"
rule-not-an-integer = "{ $found }" is not a whole number
rule-not-a-number = "{ $found }" is not a number
rule-out-of-range = "{ $found }" is not between { $min } and { $max }
rule-invalid-date = "{ $found }" is not a valid date (expected 2022-09-06 or 06.09.2022)
rule-invalid-date-time = "{ $found }" is not a valid point in time (expected 06.09.2022 10:00 or 2022-09-06T08:00:00Z; give an offset for times that daylight saving skips or repeats)
rule-date-order = the start ({ $since }) lies after the end ({ $until })
rule-time-order = the end ({ $end }) does not lie after the start ({ $start })
rule-self-tie = a tie cannot connect an actor to itself
rule-mixed-tie = a tie connects two persons or two organisations, not a person with an organisation
rule-email = "{ $found }" is not a valid e-mail address
rule-unknown-code = "{ $found }" is not an allowed value; allowed are: { $allowed }
rule-slug = "{ $found }" is not a valid key (lower-case letters a–z, digits and hyphens only)
rule-both-or-neither = give it together with "{ $other }" or leave both empty
rule-not-both = must not be given together with "{ $other }"
rule-only-for-funding = is only allowed on the milestone "funding granted"
rule-consent-date-required = the legal basis "consent" needs the date consent was given
rule-not-a-boolean = "{ $found }" is neither "yes" nor "no"
rule-unknown-reference = "{ $key }" is not known
rule-already-exists = "{ $key }" exists already
rule-in-use = is still used by other records and cannot be deleted
rule-url = "{ $found }" is not a valid web address

## Fields

field-ags = official municipality key (AGS)
field-district_ags = district key
field-state_code = state key
field-name = name
field-short_name = short name
field-kind = kind
field-nuts3 = NUTS-3 code
field-area_km2 = area (km²)
field-population = population
field-latitude = latitude
field-longitude = longitude
field-slug = key
field-districts = districts
field-municipality = municipality
field-district = district
field-region = region
field-achieved_on = date
field-amount = amount
field-purpose = purpose
field-context = context
field-note = note
field-ref = reference
field-pillar = pillar
field-secondary_pillars = further pillars
field-area = area of responsibility
field-aliases = other names
field-email = e-mail
field-phone = phone
field-website = web site
field-address = address
field-description = description
field-given_name = given name
field-family_name = family name
field-title = title
field-legal_basis = legal basis
field-consent_on = date of consent
field-person = person
field-organisation = organisation
field-function = function
field-since = since
field-until = until
field-body = body
field-parent_body = parent body
field-founded_on = founded on
field-dissolved_on = dissolved on
field-role = role
field-source = source actor
field-target = target actor
field-directed = directed
field-strength = strength
field-source_note = source
field-category = category
field-severity = severity
field-trend = trend
field-status = status
field-visibility = visibility
field-hotspot_name = hotspot
field-observed_since = observed since
field-responsible = responsible actors
field-affected = affected actors
field-summary = summary
field-approach = approach
field-outcome = outcome
field-started_on = started on
field-ended_on = ended on
field-contact_person = contact person
field-partners = partners
field-categories = categories
field-series = series
field-meeting = meeting
field-starts_at = start
field-ends_at = end
field-format = format
field-venue_name = venue
field-venue_address = venue address
field-capacity = places
field-minutes = minutes
field-hosts = hosts
field-position = position
field-duration_minutes = duration (minutes)
field-presenter = presenter
field-topic = topic
field-text = text
field-decision = decision
field-owner = owner
field-due_on = due on
field-completed_on = completed on
field-raised_by = raised by
field-municipalities = municipalities
field-display_name = display name
field-language = language
field-scope = scope
field-organiser = organiser
field-agenda_item = agenda item

## District kinds

district-kind-landkreis = rural district (Landkreis)
district-kind-kreisfreie_stadt = district-free city
district-kind-kreis = district (Kreis)
district-kind-stadtkreis = urban district (Stadtkreis)
district-kind-regionalverband = regional association

## Milestones (ASSKomm building blocks)

milestone-contacted = contacted
milestone-consultation = consultation
milestone-model_municipality = model municipality
milestone-council_constituted = prevention council constituted
milestone-preliminary_agreement = preliminary agreement signed
milestone-cooperation_agreement = cooperation agreement signed
milestone-coaching_started = coaching started
milestone-coaching_ended = coaching ended
milestone-security_analysis_started = security analysis started
milestone-security_analysis_completed = security analysis completed
milestone-funding_granted = funding granted
milestone-staff_trained = staff trained

## Actors

actor-kind-person = person
actor-kind-organisation = organisation
pillar-state_police = state / police
pillar-civic = civic engagement
pillar-municipality = municipality / administration
pillar-support = support services

## Pillar coverage of a municipality (coverage.rs)
coverage-missing-state_police = No police contact
coverage-missing-civic = No civic actors
coverage-missing-municipality = No actors of the municipal administration
coverage-missing-support = No support services
coverage-no-contact-state_police = Police recorded, but no current contact person
coverage-no-contact-civic = Civic actors recorded, but no current contact person
coverage-no-contact-municipality = Administration recorded, but no current contact person
coverage-no-contact-support = Support services recorded, but no current contact person
organisation-kind-administration = town / municipal administration
organisation-kind-public_order_office = public order office
organisation-kind-youth_office = youth welfare office
organisation-kind-social_office = social welfare office
organisation-kind-school_office = school administration
organisation-kind-health_office = health office / addiction coordination
organisation-kind-planning_office = urban planning / neighbourhood management
organisation-kind-district_office = district administration
organisation-kind-municipal_company = municipal company
organisation-kind-police_directorate = police directorate
organisation-kind-police_station = police station / post
organisation-kind-security_watch = volunteer security watch
organisation-kind-justice = justice
organisation-kind-school = school
organisation-kind-youth_work = youth work provider
organisation-kind-streetwork = street work / outreach youth work
organisation-kind-addiction_counselling = addiction counselling
organisation-kind-social_services = welfare association / independent provider
organisation-kind-migration_counselling = migration / integration counselling
organisation-kind-victim_support = victim support / violence protection
organisation-kind-church = parish
organisation-kind-association = association
organisation-kind-citizens_initiative = citizens' initiative / platform
organisation-kind-business = business / retail
organisation-kind-housing_company = housing company
organisation-kind-state_agency = state agency
organisation-kind-coaching = coaching / advisory institute
organisation-kind-conflict_counselling = conflict counselling
organisation-kind-research = university / research
organisation-kind-other = other
legal-basis-consent = consent (GDPR Art. 6(1)(a))
legal-basis-contract = contract (GDPR Art. 6(1)(b))
legal-basis-public_task = public task (GDPR Art. 6(1)(e))
legal-basis-legitimate_interest = legitimate interest (GDPR Art. 6(1)(f))

## Bodies

body-kind-prevention_council = municipal prevention council
body-kind-steering_group = steering group
body-kind-working_group = working group
body-kind-secretariat = secretariat
body-kind-other = other body
body-role-chair = chair
body-role-deputy_chair = deputy chair
body-role-coordinator = coordinator / secretariat
body-role-member = member
body-role-advisory = advisory member
body-role-guest = guest

## Ties

tie-kind-cooperation = cooperation
tie-kind-information_exchange = information exchange
tie-kind-formal_agreement = formal agreement
tie-kind-funding = funding
tie-kind-instruction = instruction
tie-kind-conflict = conflict
tie-kind-met_at_meeting = met at meeting

## Problems

trend-rising = rising
trend-stable = stable
trend-falling = falling
trend-unknown = unknown
problem-status-open = open
problem-status-in_progress = in progress
problem-status-monitoring = monitoring
problem-status-resolved = resolved
visibility-municipality = own municipality only
visibility-region = region
visibility-network = whole network

## Meetings

meeting-format-in_person = in person
meeting-format-online = online
meeting-format-hybrid = hybrid
meeting-status-planned = planned
meeting-status-held = held
meeting-status-cancelled = cancelled
participation-status-invited = invited
participation-status-registered = registered
participation-status-waitlisted = waiting list
participation-status-excused = excused
participation-status-attended = attended
participation-status-absent = absent
action-status-open = open
action-status-in_progress = in progress
action-status-done = done
action-status-cancelled = cancelled
topic-status-raised = raised
topic-status-scheduled = scheduled
topic-status-discussed = discussed
topic-status-follow_up = follow-up
topic-status-closed = closed

## Users and audit log

role-admin = administrator
role-coordinator = coordinator
role-member = member
role-viewer = viewer
entity-district = district
entity-municipality = municipality
entity-region = network region
entity-milestone = milestone
entity-organisation = organisation
entity-person = person
entity-membership = membership
entity-body = body
entity-body_member = body member
entity-tie = tie
entity-problem_category = problem category
entity-problem = problem
entity-practice = practice
entity-meeting_series = meeting series
entity-meeting = meeting
entity-participation = participation
entity-agenda_item = agenda item
entity-decision = decision
entity-action_item = action item
entity-topic = topic
entity-topic_vote = vote for a topic
entity-round_table_template = round-table template
entity-user = user account
entity-database = database
audit-action-create = created
audit-action-update = updated
audit-action-delete = deleted
audit-action-import = imported
audit-action-reset = reset
audit-action-restore = restored
channel-cli = command line
channel-web = web
channel-api = API
channel-system = system

## Further validation rules

rule-only-when-done = is only allowed with the status "done"
rule-topic-transition = a topic that is “{ $from }” cannot become “{ $to }”; from there it can become: { $allowed }
rule-ambiguous-reference = "{ $key }" names both a person and an organisation; give unique references

## Import

import-at-cell = { $file }, line { $line }, column "{ $column }": { $problem }
import-at-line = { $file }, line { $line }: { $problem }
import-at-file = { $file }: { $problem }
import-not-utf8 = the file is not saved as UTF-8 (in Excel: "Save as" → "CSV UTF-8")
import-empty = the file is empty; expected a header line with column names and at least one record
import-no-rows = the file holds a header line but no records
import-malformed = the CSV structure is broken ({ $detail })
import-cell-count = the line has { $found } cells, the header { $expected }; check separators and quotes
import-missing-column = the required column "{ $column }" is missing from the header
import-unknown-column = the column "{ $column }" is unknown; possible columns: { $known }
import-duplicate-column = the column "{ $column }" appears more than once in the header
import-duplicate-key = "{ $key }" appears more than once (first in line { $first })
import-unreadable = the file cannot be read ({ $reason })
import-no-known-files = the directory holds no known import file; expected files such as { $expected }
import-more-errors = … and { $count } more { $count ->
    [one] error
   *[other] errors
}

import-kind-districts = districts
import-kind-municipalities = municipalities
import-kind-regions = network regions
import-kind-milestones = milestones
import-kind-organisations = organisations
import-kind-persons = persons
import-kind-memberships = memberships
import-kind-bodies = bodies
import-kind-body_members = body members
import-kind-meeting_series = meeting series
import-kind-meetings = meetings
import-kind-ties = ties
import-kind-problems = problems
import-kind-practices = practices
import-kind-participations = participations
import-kind-topics = topics
import-kind-agenda_items = agenda items
import-kind-decisions = decisions
import-kind-action_items = action items
rule-only-for-consent = is only given with the legal basis "consent"; check the legal basis
rule-parent-cycle = the body would come to lie below itself; choose a parent body that does not belong to it
import-not-a-directory = is not a directory

# Boundaries (GeoJSON)
field-boundary = boundary
entity-boundary = municipality boundary
rule-ring-too-short = ring { $ring } has { $points } { $points ->
    [one] point
   *[other] points
  }; a ring needs at least four (the first repeated at the end)
rule-ring-not-closed = ring { $ring } does not end where it begins; repeat the first point at the end
rule-last-admin = the last active administrator account must stay an active administrator; make another account an administrator first
rule-from-attendance = ties of kind “met at meeting” follow from the attendance recorded for a meeting and cannot be recorded, changed or deleted by hand; record on the meeting’s page who attended instead
json-kind-object = an object
json-kind-array = an array
json-kind-string = a string
json-kind-number = a number
import-at-path = { $file }, { $path }: { $problem }
import-invalid-json = the file is not valid JSON (column { $column }: { $detail })
import-json-kind = expected { $expected }
import-missing-member = the member "{ $member }" is missing
import-not-feature-collection = the file is a GeoJSON "{ $found }"; expected a FeatureCollection
import-no-features = the FeatureCollection holds no features
import-unsupported-crs = the coordinate reference system "{ $name }" is not supported; give longitude and latitude in WGS 84 (CRS84 or EPSG:4326), for example with ogr2ogr -t_srs EPSG:4326
import-unsupported-geometry = the geometry is a "{ $found }"; a boundary must be a Polygon or MultiPolygon
import-missing-ags = the feature names no municipality: give the property "AGS" (8 digits) or "ARS" (12 digits)

## Network files and analysis
netfile-at-line = line { $line }: { $problem }
netfile-not-utf8 = the file is not UTF-8 text
netfile-xml = the XML is not well-formed: { $reason }
netfile-csv = the CSV cannot be read: { $reason }
netfile-not-format = this is not a { $format } file (its root element is another)
netfile-missing-attribute = the element <{ $element }> lacks the attribute “{ $attribute }”
netfile-bad-attribute = “{ $attribute }” has the value “{ $value }”, which this reader does not support
netfile-duplicate-node = the node “{ $id }” is declared twice
netfile-empty-id = a node id is empty
netfile-unknown-node = the edge names the node “{ $id }”, which the file does not declare
netfile-unknown-weight = the weight attribute “{ $name }” is not declared for edges
netfile-missing-weight = the edge has no value for the weight “{ $name }” and the attribute no default
netfile-weight-not-number = the weight “{ $value }” is not a number
netfile-weight-not-positive = the weight “{ $value }” is not a finite number above zero
netfile-csv-header = the header must begin with “source,target”; found “{ $found }”
netfile-empty = the file holds no network (no nodes, or for CSV no edges)
netfile-too-large = the network has more nodes than praevnetz can analyse (2³² − 1)
analysis-unknown-metric = “{ $name }” is not a measure; known: { $known }
analysis-note-self-loops = { $count } self-loops were dropped
analysis-note-duplicates = { $count } edges given more than once were kept once (the last weight given)
analysis-note-not-converged = { $metric } did not settle within { $iterations } iterations; its values are empty
analysis-note-estimated = { $metric } was estimated from { $samples } sampled shortest paths (the network is too large for exact values in seconds): every value lies within ±{ $epsilon } of the exact one with { $confidence } % confidence; --exact computes it exactly

## Round table

table-role-police = police
table-role-public_order = public order office
table-role-administration = head of administration
table-role-youth_office = youth office
table-role-social_services = social services
table-role-school = school
table-role-health = health office
table-role-planning = urban planning
table-role-housing = housing companies
table-role-security_watch = security watch
table-role-justice = justice
table-role-youth_work = youth work
table-role-streetwork = streetwork
table-role-addiction_counselling = addiction counselling
table-role-migration = migration counselling
table-role-victim_support = victim support
table-role-conflict_counselling = conflict counselling
table-role-church = church
table-role-civic = associations and citizens' initiatives
table-role-business = business and retail
table-local-municipality = from the municipality
table-local-district = at the district
table-local-police = responsible police station
table-local-problem = responsible for the problem
table-reason-included = asked for by name
table-reason-role = role: { $role }
table-reason-local = locally responsible: { $local }
table-reason-pillar = the only seat of the pillar “{ $pillar }”
table-reason-influence = influential in the network (rank { $rank } of { $of })
table-reason-broker = connects groups that are otherwise apart (rank { $rank } of { $of })
table-reason-connected = knows { $direct } of the { $others } others directly and { $via } through one person
table-reason-load = load: { $bodies } bodies, { $actions } open action items, { $meetings } meetings in the last six months
table-objective = Objective { $value }: { $roles } of { $needed } roles filled, { $local } of { $available } local responsibilities, { $pillars } pillars at the table; { $connected } % of pairs know each other directly or through one person. Chosen from { $pool } persons.
table-error-no-template = the category “{ $category }” has no role template; an administrator can add one under “Administration → Round table”
table-error-no-actors = nobody in { $municipality } works at an organisation at home there; record the municipality's actors first
table-error-seats = { $found } seats are not possible; allowed are 1 to { $max }
table-error-pool = { $seats } seats are more than there are persons to choose from ({ $pool })
table-error-unknown-person = there is no person with the number { $id }
table-error-both = person { $id } is both asked for and excluded
table-error-too-many-included = { $included } persons asked for are more than the { $seats } seats
