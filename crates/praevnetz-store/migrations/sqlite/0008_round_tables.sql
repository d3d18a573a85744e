-- Round tables: the roles each problem category needs at a table, and whether all four pillars
-- should sit at it. Shipped for the 21 categories of the taxonomy (docs/roundtable.md explains
-- the choice); administrators change them on the administration pages.
create table round_table_template (
    category_code text primary key references problem_category (code) on delete cascade,
    all_pillars integer not null check (all_pillars in (0, 1))
) strict;

create table round_table_role (
    category_code text not null references round_table_template (category_code) on delete cascade,
    role text not null check (role in ('police', 'public_order', 'administration', 'youth_office', 'social_services',
        'school', 'health', 'planning', 'housing', 'security_watch',
        'justice', 'youth_work', 'streetwork', 'addiction_counselling', 'migration',
        'victim_support', 'conflict_counselling', 'church', 'civic', 'business')),
    primary key (category_code, role)
) strict;

insert into round_table_template (category_code, all_pillars) values
('RES', 0),
('GRP', 1),
('DRG', 1),
('DEM', 1),
('ALK', 1),
('ORD', 1),
('VAN', 1),
('LRM', 1),
('GEW', 1),
('JUG', 1),
('EIN', 1),
('BET', 1),
('CYB', 1),
('HGW', 1),
('EXT', 1),
('INT', 1),
('VRK', 1),
('ANG', 1),
('SUC', 1),
('SPO', 1),
('OEF', 0);


insert into round_table_role (category_code, role) values
('RES', 'administration'), ('RES', 'public_order'), ('RES', 'police'), ('RES', 'security_watch'),
('GRP', 'police'), ('GRP', 'public_order'), ('GRP', 'youth_office'), ('GRP', 'youth_work'), ('GRP', 'streetwork'), ('GRP', 'social_services'), ('GRP', 'business'), ('GRP', 'civic'),
('DRG', 'police'), ('DRG', 'public_order'), ('DRG', 'addiction_counselling'), ('DRG', 'youth_work'), ('DRG', 'school'), ('DRG', 'streetwork'), ('DRG', 'health'),
('DEM', 'police'), ('DEM', 'public_order'), ('DEM', 'administration'), ('DEM', 'conflict_counselling'), ('DEM', 'civic'), ('DEM', 'church'),
('ALK', 'police'), ('ALK', 'public_order'), ('ALK', 'addiction_counselling'), ('ALK', 'streetwork'), ('ALK', 'health'), ('ALK', 'social_services'), ('ALK', 'business'),
('ORD', 'public_order'), ('ORD', 'administration'), ('ORD', 'housing'), ('ORD', 'civic'), ('ORD', 'business'),
('VAN', 'police'), ('VAN', 'public_order'), ('VAN', 'housing'), ('VAN', 'youth_work'), ('VAN', 'school'), ('VAN', 'civic'), ('VAN', 'business'),
('LRM', 'public_order'), ('LRM', 'police'), ('LRM', 'housing'), ('LRM', 'youth_work'), ('LRM', 'civic'),
('GEW', 'police'), ('GEW', 'public_order'), ('GEW', 'victim_support'), ('GEW', 'youth_work'), ('GEW', 'streetwork'), ('GEW', 'planning'), ('GEW', 'justice'),
('JUG', 'police'), ('JUG', 'youth_office'), ('JUG', 'school'), ('JUG', 'youth_work'), ('JUG', 'justice'), ('JUG', 'social_services'),
('EIN', 'police'), ('EIN', 'housing'), ('EIN', 'security_watch'), ('EIN', 'civic'), ('EIN', 'business'),
('BET', 'police'), ('BET', 'social_services'), ('BET', 'civic'), ('BET', 'church'), ('BET', 'business'),
('CYB', 'police'), ('CYB', 'school'), ('CYB', 'youth_work'), ('CYB', 'victim_support'), ('CYB', 'business'),
('HGW', 'police'), ('HGW', 'victim_support'), ('HGW', 'youth_office'), ('HGW', 'social_services'), ('HGW', 'justice'), ('HGW', 'health'),
('EXT', 'police'), ('EXT', 'administration'), ('EXT', 'youth_work'), ('EXT', 'school'), ('EXT', 'civic'), ('EXT', 'conflict_counselling'), ('EXT', 'church'),
('INT', 'administration'), ('INT', 'migration'), ('INT', 'conflict_counselling'), ('INT', 'social_services'), ('INT', 'police'), ('INT', 'civic'), ('INT', 'church'), ('INT', 'housing'),
('VRK', 'police'), ('VRK', 'public_order'), ('VRK', 'planning'), ('VRK', 'school'), ('VRK', 'civic'),
('ANG', 'planning'), ('ANG', 'police'), ('ANG', 'public_order'), ('ANG', 'housing'), ('ANG', 'civic'), ('ANG', 'business'),
('SUC', 'addiction_counselling'), ('SUC', 'health'), ('SUC', 'youth_work'), ('SUC', 'school'), ('SUC', 'social_services'), ('SUC', 'police'),
('SPO', 'police'), ('SPO', 'civic'), ('SPO', 'youth_work'), ('SPO', 'public_order'), ('SPO', 'social_services'),
('OEF', 'administration'), ('OEF', 'public_order'), ('OEF', 'police'), ('OEF', 'victim_support'), ('OEF', 'health');
