-- Municipality boundaries, imported from GeoJSON (`praevnetz import boundaries`), simplified.
-- Meaning must stay identical to ../sqlite/0004_boundaries.sql.
create table municipality_boundary (
    municipality_id bigint primary key
        references municipality (municipality_id) on delete cascade,
    -- JSON [[[lon, lat], …], …]: outer rings and holes alike (drawn with the even-odd rule);
    -- the store checks every ring when it reads them back
    rings text not null check (json_typeof(rings::json) = 'array'),
    imported_at timestamptz not null
);
