-- praevnetz schema, SQLite flavour. Meaning must stay identical to ../postgres/0001_initial.sql:
-- same tables, columns, keys, checks and delete rules. SQLite tables are STRICT so that column
-- types are enforced as in PostgreSQL; dates are ISO text checked with date(), points in time
-- are RFC 3339 UTC text checked with julianday(), booleans are 0/1.

create table state (
    state_code text primary key check (state_code glob '[0-9][0-9]'),
    name text not null check (trim(name) <> '')
) strict;

insert into state (state_code, name) values
('01', 'Schleswig-Holstein'), ('02', 'Hamburg'), ('03', 'Niedersachsen'), ('04', 'Bremen'),
('05', 'Nordrhein-Westfalen'), ('06', 'Hessen'), ('07', 'Rheinland-Pfalz'),
('08', 'Baden-Württemberg'), ('09', 'Bayern'), ('10', 'Saarland'), ('11', 'Berlin'),
('12', 'Brandenburg'), ('13', 'Mecklenburg-Vorpommern'), ('14', 'Sachsen'),
('15', 'Sachsen-Anhalt'), ('16', 'Thüringen');

create table district (
    district_id integer primary key,
    ags text not null unique check (ags glob '[0-9][0-9][0-9][0-9][0-9]'),
    state_code text not null references state (state_code) on delete restrict,
    kind text not null
        check (kind in ('landkreis', 'kreisfreie_stadt', 'kreis', 'stadtkreis', 'regionalverband')),
    name text not null check (trim(name) <> ''),
    nuts3 text,
    area_km2 real check (area_km2 > 0),
    population integer check (population >= 0),
    -- the AGS begins with the state key
    check (substr(ags, 1, 2) = state_code)
) strict;

create table municipality (
    municipality_id integer primary key,
    ags text not null unique check (ags glob '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    -- referenced by key so that the database itself checks "the AGS belongs to its district"
    district_ags text not null references district (ags) on delete restrict,
    name text not null check (trim(name) <> ''),
    latitude real check (latitude between -90 and 90),
    longitude real check (longitude between -180 and 180),
    seat_population integer check (seat_population >= 0),
    check ((latitude is null) = (longitude is null)),
    check (substr(ags, 1, 5) = district_ags)
) strict;
create index municipality_district_ags on municipality (district_ags);

create table region (
    region_id integer primary key,
    slug text not null unique check (slug glob '[a-z0-9]*' and slug not glob '*[^a-z0-9.-]*'),
    name text not null check (trim(name) <> ''),
    description text
) strict;

create table region_district (
    region_id integer not null references region (region_id) on delete cascade,
    district_id integer not null references district (district_id) on delete cascade,
    primary key (region_id, district_id)
) strict;
create index region_district_district on region_district (district_id);

create table milestone (
    milestone_id integer primary key,
    municipality_id integer not null references municipality (municipality_id) on delete cascade,
    kind text not null check (kind in ('contacted', 'consultation', 'model_municipality',
        'council_constituted', 'preliminary_agreement', 'cooperation_agreement',
        'coaching_started', 'coaching_ended', 'security_analysis_started',
        'security_analysis_completed', 'funding_granted', 'staff_trained')),
    achieved_on text not null check (date(achieved_on) = achieved_on),
    context text,
    amount_cents integer check (amount_cents >= 0),
    purpose text,
    note text,
    -- funding details belong to the funding milestone only
    check (kind = 'funding_granted' or (amount_cents is null and purpose is null)),
    unique (municipality_id, kind, achieved_on)
) strict;

-- Persons and organisations share one id sequence so that ties, problems and practices can
-- point at "an actor"; (actor_id, kind) lets a tie require two ends of the same kind.
create table actor (
    actor_id integer primary key,
    kind text not null check (kind in ('person', 'organisation')),
    unique (actor_id, kind)
) strict;

create table organisation (
    organisation_id integer primary key,
    actor_kind text not null default 'organisation' check (actor_kind = 'organisation'),
    external_ref text unique,
    name text not null check (trim(name) <> ''),
    short_name text,
    kind text not null check (kind in ('administration', 'public_order_office', 'youth_office',
        'social_office', 'school_office', 'health_office', 'planning_office', 'district_office',
        'municipal_company', 'police_directorate', 'police_station', 'security_watch', 'justice',
        'school', 'youth_work', 'streetwork', 'addiction_counselling', 'social_services',
        'migration_counselling', 'victim_support', 'church', 'association', 'citizens_initiative',
        'business', 'housing_company', 'state_agency', 'coaching', 'conflict_counselling',
        'research', 'other')),
    pillar text not null check (pillar in ('state_police', 'civic', 'municipality', 'support')),
    district_id integer references district (district_id) on delete restrict,
    municipality_id integer references municipality (municipality_id) on delete restrict,
    email text,
    phone text,
    website text,
    address text,
    description text,
    foreign key (organisation_id, actor_kind) references actor (actor_id, kind) on delete cascade,
    -- home is a municipality, a district, or (neither) the state
    check (district_id is null or municipality_id is null)
) strict;
create index organisation_municipality on organisation (municipality_id);
create index organisation_district on organisation (district_id);

create table organisation_alias (
    organisation_id integer not null references organisation (organisation_id) on delete cascade,
    alias text not null check (trim(alias) <> ''),
    primary key (organisation_id, alias)
) strict;

create table organisation_pillar (
    organisation_id integer not null references organisation (organisation_id) on delete cascade,
    pillar text not null check (pillar in ('state_police', 'civic', 'municipality', 'support')),
    primary key (organisation_id, pillar)
) strict;

create table organisation_area (
    organisation_area_id integer primary key,
    organisation_id integer not null references organisation (organisation_id) on delete cascade,
    district_id integer references district (district_id) on delete cascade,
    municipality_id integer references municipality (municipality_id) on delete cascade,
    check ((district_id is null) <> (municipality_id is null)),
    unique (organisation_id, district_id),
    unique (organisation_id, municipality_id)
) strict;
create index organisation_area_municipality on organisation_area (municipality_id);
create index organisation_area_district on organisation_area (district_id);

create table person (
    person_id integer primary key,
    actor_kind text not null default 'person' check (actor_kind = 'person'),
    external_ref text unique,
    title text,
    given_name text not null check (trim(given_name) <> ''),
    family_name text not null check (trim(family_name) <> ''),
    email text check (email like '%_@_%._%'),
    phone text,
    legal_basis text not null
        check (legal_basis in ('consent', 'contract', 'public_task', 'legitimate_interest')),
    consent_on text check (date(consent_on) = consent_on),
    note text,
    foreign key (person_id, actor_kind) references actor (actor_id, kind) on delete cascade,
    -- consent needs its date, other bases carry none
    check ((legal_basis = 'consent') = (consent_on is not null))
) strict;
create index person_family_name on person (family_name, given_name);

create table membership (
    membership_id integer primary key,
    person_id integer not null references person (person_id) on delete cascade,
    organisation_id integer not null references organisation (organisation_id) on delete cascade,
    function text,
    since text check (date(since) = since),
    until text check (date(until) = until),
    check (since is null or until is null or since <= until)
) strict;
create index membership_person on membership (person_id);
create index membership_organisation on membership (organisation_id);

create table body (
    body_id integer primary key,
    external_ref text unique,
    name text not null check (trim(name) <> ''),
    kind text not null check (kind in ('prevention_council', 'steering_group', 'working_group',
        'secretariat', 'other')),
    district_id integer references district (district_id) on delete restrict,
    municipality_id integer references municipality (municipality_id) on delete restrict,
    parent_body_id integer references body (body_id) on delete restrict,
    founded_on text check (date(founded_on) = founded_on),
    dissolved_on text check (date(dissolved_on) = dissolved_on),
    description text,
    check (district_id is null or municipality_id is null),
    check (parent_body_id is null or parent_body_id <> body_id),
    check (founded_on is null or dissolved_on is null or founded_on <= dissolved_on)
) strict;
create index body_municipality on body (municipality_id);

create table body_alias (
    body_id integer not null references body (body_id) on delete cascade,
    alias text not null check (trim(alias) <> ''),
    primary key (body_id, alias)
) strict;

create table body_member (
    body_member_id integer primary key,
    body_id integer not null references body (body_id) on delete cascade,
    person_id integer not null references person (person_id) on delete cascade,
    organisation_id integer references organisation (organisation_id) on delete set null,
    role text not null check (role in ('chair', 'deputy_chair', 'coordinator', 'member',
        'advisory', 'guest')),
    since text check (date(since) = since),
    until text check (date(until) = until),
    check (since is null or until is null or since <= until)
) strict;
create index body_member_body on body_member (body_id);
create index body_member_person on body_member (person_id);

create table problem_category (
    code text primary key check (code glob '[A-Z][A-Z][A-Z]'),
    position integer not null unique,
    label_de text not null check (trim(label_de) <> ''),
    label_en text not null check (trim(label_en) <> ''),
    description_de text not null,
    description_en text not null
) strict;

insert into problem_category (code, position, label_de, label_en, description_de, description_en) values
('RES', 1, 'Personelle Auslastung / Ressourcenmangel', 'Staff workload / lack of resources', 'Zu wenig Personal in Verwaltung, Ordnungsamt bzw. Gemeindlichem Vollzugsdienst oder Polizei für Präventionsarbeit; ein strukturelles Problem, kein Kriminalitätsphänomen.', 'Too few staff in the administration, public order office or police for prevention work; a structural problem rather than a crime phenomenon.'),
('GRP', 2, 'Ansammlungen von Gruppen an Brennpunkten', 'Groups gathering at hotspots', 'Wiederkehrende Ansammlungen an Bahnhöfen, Plätzen, Haltestellen oder Supermärkten (Jugendcliquen, Trinkerszenen), die Störungen und Unsicherheit auslösen.', 'Recurring gatherings at stations, squares, bus stops or supermarkets (youth cliques, drinking scenes) causing disorder and fear.'),
('DRG', 3, 'Drogen / Betäubungsmittelkriminalität', 'Drugs / drug crime', 'Betäubungsmitteldelikte und offener Drogenkonsum; Crystal Meth ist ein sächsisches Schwerpunktthema.', 'Drug offences and open drug use; crystal meth is a Saxon-specific issue.'),
('DEM', 4, 'Versammlungsgeschehen / Montagsdemonstrationen', 'Assemblies / Monday demonstrations', 'Wiederkehrende, teils nicht angemeldete Proteste; betrifft Versammlungsbehörde, Polizeibelastung und gesellschaftliche Polarisierung.', 'Recurring, partly unregistered protests; involves the assembly authority, police workload and polarisation.'),
('ALK', 5, 'Alkoholkonsum im öffentlichen Raum', 'Drinking in public space', 'Trinkerszenen im öffentlichen Raum; Alkoholverbote per Polizeiverordnung haben in Sachsen hohe rechtliche Hürden.', 'Drinking scenes in public space; alcohol bans by police ordinance face high legal hurdles in Saxony.'),
('ORD', 6, 'Ordnungsstörungen / Sauberkeit', 'Disorder / cleanliness', 'Müll, Hundekot, illegale Ablagerungen: oft keine Straftaten, aber schwerwiegend für das Sicherheitsgefühl.', 'Litter, dog waste, illegal dumping: often not crimes, but weighing heavily on perceived safety.'),
('VAN', 7, 'Vandalismus / Graffiti / Sachbeschädigung', 'Vandalism / graffiti / property damage', 'Sachbeschädigung und Schmierereien.', 'Property damage and graffiti.'),
('LRM', 8, 'Lärm / Ruhestörung', 'Noise / disturbance of the peace', 'Lärm von Feiern und nächtlichen Treffen; häufiger Auslöser von Nachbarschaftskonflikten.', 'Noise from parties and night gatherings; a common trigger of neighbourhood conflict.'),
('GEW', 9, 'Gewalt im öffentlichen Raum', 'Violence in public space', 'Körperverletzungen, Schlägereien und Raub im öffentlichen Raum.', 'Assaults, fights and robbery in public space.'),
('JUG', 10, 'Kinder- und Jugenddelinquenz', 'Child and youth offending', 'Straftaten Minderjähriger; Gewalt und Mobbing an Schulen.', 'Offending by minors; violence and bullying at school.'),
('EIN', 11, 'Wohnungseinbruch / Eigentumsdelikte', 'Burglary / property crime', 'Einbruch und Diebstahl (Fahrräder, Geschäfte, Fahrzeuge).', 'Burglary and theft (bicycles, shops, vehicles).'),
('BET', 12, 'Betrug an Älteren (Enkeltrick, Schockanruf, falsche Polizeibeamte)', 'Fraud against older people (grandchild scam, shock calls, fake police officers)', 'Telefon- und Haustürbetrug zum Nachteil älterer Menschen.', 'Phone and doorstep fraud against older people.'),
('CYB', 13, 'Cybercrime / digitale Medien', 'Cybercrime / digital media', 'Onlinebetrug, Cybermobbing, Sextortion, Informationssicherheit der Kommunen.', 'Online fraud, cyber-bullying, sextortion, information security of municipalities.'),
('HGW', 14, 'Häusliche Gewalt', 'Domestic violence', 'Gewalt in Familie und Partnerschaft.', 'Domestic and intimate-partner violence.'),
('EXT', 15, 'Politischer Extremismus / Hasskriminalität', 'Political extremism / hate crime', 'Rechts- und anderer Extremismus, politisch motivierte Kriminalität, Anfeindungen gegen Amts- und Mandatsträger.', 'Right-wing and other extremism, politically motivated crime, hostility to officials and elected representatives.'),
('INT', 16, 'Konflikte im Zusammenleben / Integration', 'Conflicts in living together / integration', 'Spannungen um Migration, Unterbringung Geflüchteter, gesellschaftliche Polarisierung; typischer Anlass für Kommunale Konfliktberatung.', 'Tension around migration, refugee housing and social polarisation; the typical entry point for municipal conflict counselling.'),
('VRK', 17, 'Verkehrssicherheit', 'Road safety', 'Schulwege, Radverkehr, Geschwindigkeit, Parken.', 'School routes, cyclists, speeding, parking.'),
('ANG', 18, 'Angsträume / städtebauliche Defizite', 'Places of fear / urban design deficits', 'Schlechte Beleuchtung, Leerstand, uneinsehbare Ecken, Unterführungen; Feld der städtebaulichen Kriminalprävention.', 'Poor lighting, vacant buildings, hidden corners, underpasses; addressed by crime prevention through urban design.'),
('SUC', 19, 'Sucht (allgemein)', 'Addiction (general)', 'Alkohol, Cannabis, synthetische Opioide: die gesundheitliche Sicht, im Unterschied zur Kriminalitätssicht unter DRG.', 'Alcohol, cannabis, synthetic opioids: the health view, as opposed to the crime view under DRG.'),
('SPO', 20, 'Sport & Sicherheit', 'Sport and safety', 'Gewalt im Umfeld von Fußballspielen, Fanprojekte.', 'Football-related violence and fan projects.'),
('OEF', 21, 'Gewalt gegen Beschäftigte öffentlicher Dienst', 'Violence against public-service staff', 'Aggression gegen Beschäftigte von Ordnungsamt, Rettungsdiensten und Verwaltungen.', 'Aggression against staff of public order offices, rescue services and administrations.');

create table meeting_series (
    meeting_series_id integer primary key,
    external_ref text unique,
    name text not null check (trim(name) <> ''),
    description text,
    region_id integer references region (region_id) on delete set null,
    organiser_id integer references organisation (organisation_id) on delete set null
) strict;

create table meeting (
    meeting_id integer primary key,
    external_ref text unique,
    meeting_series_id integer references meeting_series (meeting_series_id) on delete restrict,
    title text not null check (trim(title) <> ''),
    starts_at text not null check (julianday(starts_at) is not null),
    ends_at text not null check (julianday(ends_at) is not null),
    format text not null check (format in ('in_person', 'online', 'hybrid')),
    status text not null check (status in ('planned', 'held', 'cancelled')),
    venue_name text,
    venue_address text,
    venue_municipality_id integer references municipality (municipality_id) on delete set null,
    venue_latitude real check (venue_latitude between -90 and 90),
    venue_longitude real check (venue_longitude between -180 and 180),
    capacity integer check (capacity > 0),
    description text,
    minutes text,
    check (julianday(ends_at) > julianday(starts_at)),
    check ((venue_latitude is null) = (venue_longitude is null))
) strict;
create index meeting_series_starts on meeting (meeting_series_id, starts_at);
create index meeting_starts on meeting (starts_at);

create table meeting_host (
    meeting_id integer not null references meeting (meeting_id) on delete cascade,
    organisation_id integer not null references organisation (organisation_id) on delete cascade,
    primary key (meeting_id, organisation_id)
) strict;

create table participation (
    participation_id integer primary key,
    meeting_id integer not null references meeting (meeting_id) on delete cascade,
    person_id integer not null references person (person_id) on delete cascade,
    organisation_id integer references organisation (organisation_id) on delete set null,
    status text not null check (status in ('invited', 'registered', 'waitlisted', 'excused',
        'attended', 'absent')),
    note text,
    unique (meeting_id, person_id)
) strict;
create index participation_person on participation (person_id);

create table tie (
    tie_id integer primary key,
    actor_kind text not null check (actor_kind in ('person', 'organisation')),
    source_actor_id integer not null,
    target_actor_id integer not null,
    kind text not null check (kind in ('cooperation', 'information_exchange', 'formal_agreement',
        'funding', 'instruction', 'conflict', 'met_at_meeting')),
    directed integer not null check (directed in (0, 1)),
    strength integer not null check (strength between 1 and 5),
    since text check (date(since) = since),
    until text check (date(until) = until),
    source_note text,
    meeting_id integer references meeting (meeting_id) on delete cascade,
    -- both ends are actors of the tie's kind: two persons or two organisations
    foreign key (source_actor_id, actor_kind) references actor (actor_id, kind) on delete cascade,
    foreign key (target_actor_id, actor_kind) references actor (actor_id, kind) on delete cascade,
    check (source_actor_id <> target_actor_id),
    -- an undirected tie is stored one way only, lower id first
    check (directed = 1 or source_actor_id < target_actor_id),
    check (since is null or until is null or since <= until)
) strict;
create index tie_target on tie (target_actor_id);
-- One tie of a kind between two actors per start date; a tie without a start date counts once
-- too (a unique key treats nulls as distinct, so the null is mapped to a value: '' is no date).
create unique index tie_unique on tie
    (source_actor_id, target_actor_id, kind, coalesce(since, ''));
create index tie_meeting on tie (meeting_id);

create table problem (
    problem_id integer primary key,
    external_ref text unique,
    municipality_id integer not null references municipality (municipality_id) on delete cascade,
    category_code text not null references problem_category (code) on delete restrict,
    title text not null check (trim(title) <> ''),
    description text,
    severity integer not null check (severity between 1 and 5),
    trend text not null check (trend in ('rising', 'stable', 'falling', 'unknown')),
    status text not null check (status in ('open', 'in_progress', 'monitoring', 'resolved')),
    visibility text not null check (visibility in ('municipality', 'region', 'network')),
    hotspot_name text,
    hotspot_latitude real check (hotspot_latitude between -90 and 90),
    hotspot_longitude real check (hotspot_longitude between -180 and 180),
    observed_since text check (date(observed_since) = observed_since),
    check ((hotspot_latitude is null) = (hotspot_longitude is null)),
    check (hotspot_name is not null or hotspot_latitude is null)
) strict;
create index problem_municipality on problem (municipality_id);
create index problem_category_status on problem (category_code, status);

create table problem_actor (
    problem_id integer not null references problem (problem_id) on delete cascade,
    actor_id integer not null references actor (actor_id) on delete cascade,
    role text not null check (role in ('responsible', 'affected')),
    primary key (problem_id, actor_id, role)
) strict;
create index problem_actor_actor on problem_actor (actor_id);

create table practice (
    practice_id integer primary key,
    external_ref text unique,
    municipality_id integer not null references municipality (municipality_id) on delete cascade,
    title text not null check (trim(title) <> ''),
    summary text,
    approach text,
    outcome text,
    contact_person_id integer references person (person_id) on delete set null,
    started_on text check (date(started_on) = started_on),
    ended_on text check (date(ended_on) = ended_on),
    check (started_on is null or ended_on is null or started_on <= ended_on)
) strict;
create index practice_municipality on practice (municipality_id);

create table practice_category (
    practice_id integer not null references practice (practice_id) on delete cascade,
    category_code text not null references problem_category (code) on delete restrict,
    primary key (practice_id, category_code)
) strict;
create index practice_category_code on practice_category (category_code);

create table practice_partner (
    practice_id integer not null references practice (practice_id) on delete cascade,
    organisation_id integer not null references organisation (organisation_id) on delete cascade,
    primary key (practice_id, organisation_id)
) strict;

create table topic (
    topic_id integer primary key,
    external_ref text unique,
    title text not null check (trim(title) <> ''),
    description text,
    status text not null check (status in ('raised', 'scheduled', 'discussed', 'follow_up',
        'closed')),
    meeting_series_id integer references meeting_series (meeting_series_id) on delete set null,
    raised_by_person_id integer references person (person_id) on delete set null,
    raised_at_meeting_id integer references meeting (meeting_id) on delete set null,
    raised_on text not null check (date(raised_on) = raised_on)
) strict;
create index topic_series_status on topic (meeting_series_id, status);

create table topic_category (
    topic_id integer not null references topic (topic_id) on delete cascade,
    category_code text not null references problem_category (code) on delete restrict,
    primary key (topic_id, category_code)
) strict;

create table topic_municipality (
    topic_id integer not null references topic (topic_id) on delete cascade,
    municipality_id integer not null references municipality (municipality_id) on delete cascade,
    primary key (topic_id, municipality_id)
) strict;

create table agenda_item (
    agenda_item_id integer primary key,
    meeting_id integer not null references meeting (meeting_id) on delete cascade,
    position integer not null check (position >= 1),
    title text not null check (trim(title) <> ''),
    duration_minutes integer check (duration_minutes > 0),
    presenter_person_id integer references person (person_id) on delete set null,
    topic_id integer references topic (topic_id) on delete set null,
    notes text,
    unique (meeting_id, position)
) strict;
create index agenda_item_topic on agenda_item (topic_id);

create table decision (
    decision_id integer primary key,
    meeting_id integer not null references meeting (meeting_id) on delete cascade,
    agenda_item_id integer references agenda_item (agenda_item_id) on delete set null,
    text text not null check (trim(text) <> '')
) strict;
create index decision_meeting on decision (meeting_id);

create table action_item (
    action_item_id integer primary key,
    meeting_id integer references meeting (meeting_id) on delete cascade,
    decision_id integer references decision (decision_id) on delete set null,
    title text not null check (trim(title) <> ''),
    owner_person_id integer references person (person_id) on delete set null,
    due_on text check (date(due_on) = due_on),
    status text not null check (status in ('open', 'in_progress', 'done', 'cancelled')),
    completed_on text check (date(completed_on) = completed_on),
    check (status = 'done' or completed_on is null)
) strict;
create index action_item_owner on action_item (owner_person_id, status);
create index action_item_meeting on action_item (meeting_id);

create table account (
    account_id integer primary key,
    -- logins are unique regardless of case; the store keeps a lower-cased copy for that
    email text not null check (email like '%_@_%._%'),
    email_key text not null unique,
    display_name text not null check (trim(display_name) <> ''),
    password_hash text,
    role text not null check (role in ('admin', 'coordinator', 'member', 'viewer')),
    language text not null check (language in ('de', 'en')),
    active integer not null check (active in (0, 1)),
    person_id integer references person (person_id) on delete set null,
    created_at text not null check (julianday(created_at) is not null)
) strict;

create table account_scope (
    account_scope_id integer primary key,
    account_id integer not null references account (account_id) on delete cascade,
    region_id integer references region (region_id) on delete cascade,
    district_id integer references district (district_id) on delete cascade,
    municipality_id integer references municipality (municipality_id) on delete cascade,
    -- exactly one level
    check ((region_id is not null) + (district_id is not null) + (municipality_id is not null) = 1),
    unique (account_id, region_id),
    unique (account_id, district_id),
    unique (account_id, municipality_id)
) strict;

create table audit_event (
    audit_event_id integer primary key,
    occurred_at text not null check (julianday(occurred_at) is not null),
    -- who made the change: the account's id and e-mail at the time, kept when the account is
    -- gone (no foreign key: the log outlives what it records, resets included)
    account_id integer,
    account_email text,
    channel text not null check (channel in ('cli', 'web', 'api', 'system')),
    action text not null check (action in ('create', 'update', 'delete', 'import', 'reset',
        'restore')),
    entity text not null check (trim(entity) <> ''),
    entity_id integer,
    summary text not null
) strict;
create index audit_event_occurred on audit_event (occurred_at);
create index audit_event_entity on audit_event (entity, entity_id);

-- The audit log is append-only: nothing may change or remove an entry, not even a reset or a
-- restore of the whole database (they append an entry of their own).
create trigger audit_event_no_update before update on audit_event
begin
    select raise(abort, 'audit_event is append-only');
end;
create trigger audit_event_no_delete before delete on audit_event
begin
    select raise(abort, 'audit_event is append-only');
end;
