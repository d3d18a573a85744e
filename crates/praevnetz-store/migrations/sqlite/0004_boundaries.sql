-- Municipality boundaries, imported from GeoJSON (`praevnetz import boundaries`), simplified.
-- Meaning must stay identical to ../postgres/0004_boundaries.sql.
create table municipality_boundary (
    municipality_id integer primary key
        references municipality (municipality_id) on delete cascade,
    -- JSON [[[lon, lat], …], …]: outer rings and holes alike (drawn with the even-odd rule);
    -- the store checks every ring when it reads them back
    rings text not null check (json_valid(rings) and json_type(rings) = 'array'),
    imported_at text not null check (julianday(imported_at) is not null)
) strict;
