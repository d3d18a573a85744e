//! Imports a batch of files in one transaction: resolves references (AGS keys, region keys,
//! `ref` values, of the database and of earlier rows of the same batch) and inserts the records.
//!
//! Errors name file, line and column. All rows of a file are checked before giving up, so users
//! see every problem of the file at once; later files are not read after a failed one (their
//! references to the failed rows would only add noise). Nothing is written unless everything is.

use std::collections::{BTreeSet, HashMap, HashSet};

use praevnetz_domain::actor::{Home, MembershipData, OrganisationData, Territory};
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::body::{BodyData, BodyMemberData};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{
    ActorId, AgendaItemId, BodyId, DistrictId, MeetingId, MeetingSeriesId, MunicipalityId,
    OrganisationId, PersonId, RegionId, TopicId,
};
use praevnetz_domain::import::{
    HomeRef, ImportBatch, ImportError, ImportErrors, ImportKind, ImportProblem, ImportTable, Line,
    Rows, TerritoryRef,
};
use praevnetz_domain::meeting::{
    ActionItemData, AgendaItemData, DecisionData, MeetingData, MeetingSeriesData,
    ParticipationData, Venue,
};
use praevnetz_domain::practice::PracticeData;
use praevnetz_domain::problem::{CategoryCode, ProblemData};
use praevnetz_domain::programme::MilestoneData;
use praevnetz_domain::territory::{Ags, DistrictAgs};
use praevnetz_domain::text::ExternalRef;
use praevnetz_domain::tie::{TieData, TieSpec};
use praevnetz_domain::topic::TopicData;
use sqlx::Row as _;

use super::{
    Conn, Origin, Pool, actor, audit, begin, body, meeting, practice, problem, reset, stats,
    territory, tie, topic,
};
use crate::error::StoreError;
use crate::{ImportOptions, ImportProgress, ImportSummary, TableSummary};

/// Keys of everything that can be referred to, from the database and from rows already imported.
#[derive(Default)]
struct Keys {
    districts: HashMap<String, i64>,
    municipalities: HashMap<String, i64>,
    regions: HashMap<String, i64>,
    persons: HashMap<String, i64>,
    organisations: HashMap<String, i64>,
    bodies: HashMap<String, i64>,
    series: HashMap<String, i64>,
    meetings: HashMap<String, i64>,
    topics: HashMap<String, i64>,
    problems: HashMap<String, i64>,
    practices: HashMap<String, i64>,
    categories: HashSet<String>,
    /// (meeting id, position) → agenda item id.
    agenda: HashMap<(i64, u32), i64>,
    /// (municipality id, kind, date) of recorded milestones.
    milestones: HashSet<(i64, String, String)>,
    /// (meeting id, person id) of recorded participations.
    participations: HashSet<(i64, i64)>,
    /// Meetings imported, or whose participations were: their "met at meeting" ties are
    /// brought in line with attendance at the end of the import.
    attendance_changed: BTreeSet<i64>,
}

async fn pairs(conn: &mut Conn, sql: &'static str) -> Result<HashMap<String, i64>, StoreError> {
    let rows = sqlx::query(sql).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|row| Ok((row.try_get::<String, _>(0)?, row.try_get::<i64, _>(1)?)))
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

impl Keys {
    async fn load(conn: &mut Conn) -> Result<Keys, StoreError> {
        let mut keys = Keys {
            districts: pairs(conn, "select ags, district_id from district").await?,
            municipalities: pairs(conn, "select ags, municipality_id from municipality").await?,
            regions: pairs(conn, "select slug, region_id from region").await?,
            persons: pairs(
                conn,
                "select external_ref, person_id from person where external_ref is not null",
            )
            .await?,
            organisations: pairs(
                conn,
                "select external_ref, organisation_id from organisation \
                 where external_ref is not null",
            )
            .await?,
            bodies: pairs(
                conn,
                "select external_ref, body_id from body where external_ref is not null",
            )
            .await?,
            series: pairs(
                conn,
                "select external_ref, meeting_series_id from meeting_series \
                 where external_ref is not null",
            )
            .await?,
            meetings: pairs(
                conn,
                "select external_ref, meeting_id from meeting where external_ref is not null",
            )
            .await?,
            topics: pairs(
                conn,
                "select external_ref, topic_id from topic where external_ref is not null",
            )
            .await?,
            problems: pairs(
                conn,
                "select external_ref, problem_id from problem where external_ref is not null",
            )
            .await?,
            practices: pairs(
                conn,
                "select external_ref, practice_id from practice where external_ref is not null",
            )
            .await?,
            categories: sqlx::query_scalar("select code from problem_category")
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .collect(),
            ..Keys::default()
        };
        for row in sqlx::query("select meeting_id, position, agenda_item_id from agenda_item")
            .fetch_all(&mut *conn)
            .await?
        {
            let position: i32 = row.try_get("position")?;
            keys.agenda.insert(
                (
                    row.try_get("meeting_id")?,
                    u32::try_from(position).unwrap_or_default(),
                ),
                row.try_get("agenda_item_id")?,
            );
        }
        for row in sqlx::query("select meeting_id, person_id from participation")
            .fetch_all(&mut *conn)
            .await?
        {
            keys.participations
                .insert((row.try_get("meeting_id")?, row.try_get("person_id")?));
        }
        for row in sqlx::query("select municipality_id, kind, achieved_on from milestone")
            .fetch_all(&mut *conn)
            .await?
        {
            let day: jiff_sqlx::Date = row.try_get("achieved_on")?;
            keys.milestones.insert((
                row.try_get("municipality_id")?,
                row.try_get("kind")?,
                day.to_jiff().to_string(),
            ));
        }
        Ok(keys)
    }
}

/// Resolves the references of one row; errors point at the row's cells.
struct Resolver<'a> {
    keys: &'a Keys,
    file: &'a str,
    line: u64,
}

impl Resolver<'_> {
    fn error(&self, column: &str, field: Field, rule: Rule) -> ImportError {
        ImportError::cell(
            self.file,
            self.line,
            column,
            ImportProblem::Invalid(rule.at(field)),
        )
    }

    fn unknown(&self, column: &str, field: Field, key: &str) -> ImportError {
        self.error(
            column,
            field,
            Rule::UnknownReference {
                key: key.to_owned(),
            },
        )
    }

    fn district(&self, column: &str, ags: &DistrictAgs) -> Result<DistrictId, ImportError> {
        self.keys
            .districts
            .get(ags.as_str())
            .map(|id| DistrictId::new(*id))
            .ok_or_else(|| {
                self.error(
                    column,
                    Field::District,
                    Rule::UnknownDistrict {
                        ags: ags.as_str().to_owned(),
                    },
                )
            })
    }

    fn municipality(&self, column: &str, ags: &Ags) -> Result<MunicipalityId, ImportError> {
        self.keys
            .municipalities
            .get(ags.as_str())
            .map(|id| MunicipalityId::new(*id))
            .ok_or_else(|| self.unknown(column, Field::Municipality, ags.as_str()))
    }

    fn home(&self, home: &HomeRef) -> Result<Home, ImportError> {
        Ok(match home {
            HomeRef::State => Home::State,
            HomeRef::District(d) => Home::District(self.district("district", d)?),
            HomeRef::Municipality(m) => Home::Municipality(self.municipality("municipality", m)?),
        })
    }

    fn by_ref(
        &self,
        map: &HashMap<String, i64>,
        column: &str,
        field: Field,
        key: &ExternalRef,
    ) -> Result<i64, ImportError> {
        map.get(key.as_str())
            .copied()
            .ok_or_else(|| self.unknown(column, field, key.as_str()))
    }

    fn person(&self, column: &str, key: &ExternalRef) -> Result<PersonId, ImportError> {
        self.by_ref(&self.keys.persons, column, Field::Person, key)
            .map(PersonId::new)
    }

    fn organisation(&self, column: &str, key: &ExternalRef) -> Result<OrganisationId, ImportError> {
        self.by_ref(&self.keys.organisations, column, Field::Organisation, key)
            .map(OrganisationId::new)
    }

    fn meeting(&self, column: &str, key: &ExternalRef) -> Result<MeetingId, ImportError> {
        self.by_ref(&self.keys.meetings, column, Field::Meeting, key)
            .map(MeetingId::new)
    }

    fn series(&self, column: &str, key: &ExternalRef) -> Result<MeetingSeriesId, ImportError> {
        self.by_ref(&self.keys.series, column, Field::Series, key)
            .map(MeetingSeriesId::new)
    }

    /// A person or an organisation: the two share one namespace of references.
    fn actor(&self, column: &str, field: Field, key: &ExternalRef) -> Result<ActorId, ImportError> {
        let person = self.keys.persons.get(key.as_str());
        let organisation = self.keys.organisations.get(key.as_str());
        match (person, organisation) {
            (Some(p), None) => Ok(ActorId::Person(PersonId::new(*p))),
            (None, Some(o)) => Ok(ActorId::Organisation(OrganisationId::new(*o))),
            (Some(_), Some(_)) => Err(self.error(
                column,
                field,
                Rule::AmbiguousReference {
                    key: key.as_str().to_owned(),
                },
            )),
            (None, None) => Err(self.unknown(column, field, key.as_str())),
        }
    }

    fn categories(&self, codes: &[CategoryCode]) -> Result<(), ImportError> {
        match codes
            .iter()
            .find(|c| !self.keys.categories.contains(c.as_str()))
        {
            Some(code) => Err(self.unknown("categories", Field::Categories, code.as_str())),
            None => Ok(()),
        }
    }

    /// A new record's `ref` must not exist yet (persons and organisations share references).
    fn fresh(
        &self,
        map: &HashMap<String, i64>,
        key: Option<&ExternalRef>,
    ) -> Result<(), ImportError> {
        match key {
            Some(key) if map.contains_key(key.as_str()) => Err(self.error(
                "ref",
                Field::Ref,
                Rule::AlreadyExists {
                    key: key.as_str().to_owned(),
                },
            )),
            _ => Ok(()),
        }
    }
}

/// Turns a database refusal of one row into an error at that row.
fn at_row(file: &str, line: u64, error: StoreError) -> StoreError {
    match row_error(file, line, error) {
        Ok(located) => StoreError::Import(ImportErrors::one(located)),
        Err(other) => other,
    }
}

/// A field error of the database as an import error at `line`; other errors pass through.
fn row_error(file: &str, line: u64, error: StoreError) -> Result<ImportError, StoreError> {
    match error {
        StoreError::Invalid(invalid) => Ok(ImportError::new(
            file,
            Some(line),
            None,
            ImportProblem::Invalid(invalid),
        )),
        other => Err(other),
    }
}

pub(crate) async fn import(
    pool: &Pool,
    ctx: &ChangeContext,
    batch: &ImportBatch,
    progress: &dyn ImportProgress,
    options: &ImportOptions,
) -> Result<ImportSummary, StoreError> {
    let mut tx = begin(pool).await?;
    // Decided inside the transaction, so nothing written meanwhile can slip past the check.
    let empty = stats::is_empty_on(&mut tx).await?;
    if options.require_empty && !options.replace && !empty {
        return Err(StoreError::NotEmpty);
    }
    if options.replace && !empty {
        reset::clear(&mut tx, ctx).await?;
    }
    let mut keys = Keys::load(&mut tx).await?;
    let mut summary = ImportSummary::default();
    for table in batch.tables() {
        progress.start(table.kind(), table.len() as u64);
        let mut errors = ImportErrors::new();
        let mut counts = TableSummary {
            kind: table.kind(),
            file: table.file.clone(),
            created: 0,
            updated: 0,
        };
        import_table(
            &mut tx,
            ctx,
            table,
            &mut keys,
            &mut errors,
            &mut counts,
            progress,
        )
        .await?;
        progress.finish();
        if !errors.is_empty() {
            return Err(StoreError::Import(errors));
        }
        audit::record(
            &mut tx,
            ctx,
            AuditAction::Import,
            entity_of(table.kind()),
            None,
            &format!(
                "{}: {} created, {} updated",
                table.file, counts.created, counts.updated
            ),
        )
        .await?;
        summary.tables.push(counts);
    }
    // The ties attendance makes, in the same transaction: one audit entry for all of them.
    let mut synced = tie::Synced::default();
    for &meeting in &keys.attendance_changed {
        synced.add(tie::sync_meeting_ties(&mut tx, MeetingId::new(meeting)).await?);
    }
    tie::record_sync(
        &mut tx,
        ctx,
        AuditAction::Import,
        &match keys.attendance_changed.len() {
            1 => "1 meeting".to_owned(),
            n => format!("{n} meetings"),
        },
        synced,
    )
    .await?;
    if options.dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(summary)
}

fn entity_of(kind: ImportKind) -> EntityKind {
    match kind {
        ImportKind::Districts => EntityKind::District,
        ImportKind::Municipalities => EntityKind::Municipality,
        ImportKind::Regions => EntityKind::Region,
        ImportKind::Milestones => EntityKind::Milestone,
        ImportKind::Organisations => EntityKind::Organisation,
        ImportKind::Persons => EntityKind::Person,
        ImportKind::Memberships => EntityKind::Membership,
        ImportKind::Bodies => EntityKind::Body,
        ImportKind::BodyMembers => EntityKind::BodyMember,
        ImportKind::MeetingSeries => EntityKind::MeetingSeries,
        ImportKind::Meetings => EntityKind::Meeting,
        ImportKind::Ties => EntityKind::Tie,
        ImportKind::Problems => EntityKind::Problem,
        ImportKind::Practices => EntityKind::Practice,
        ImportKind::Participations => EntityKind::Participation,
        ImportKind::Topics => EntityKind::Topic,
        ImportKind::AgendaItems => EntityKind::AgendaItem,
        ImportKind::Decisions => EntityKind::Decision,
        ImportKind::ActionItems => EntityKind::ActionItem,
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "one arm per kind of file; splitting would scatter the resolution rules"
)]
async fn import_table(
    tx: &mut Conn,
    ctx: &ChangeContext,
    table: &ImportTable,
    keys: &mut Keys,
    errors: &mut ImportErrors,
    counts: &mut TableSummary,
    progress: &dyn ImportProgress,
) -> Result<(), StoreError> {
    /// Imports the rows of one file: resolves each row, collecting errors so that all of a file's
    /// problems are reported at once; inserts every row that resolves and lets `after` register its
    /// key, also after an error elsewhere in the file (nothing is committed then, but later rows that
    /// refer to a good row must not fail for it). A row the database refuses ends the file: the
    /// transaction may be unusable after it.
    macro_rules! each_row {
        (
            $rows:expr,
            resolve = |$r:ident, $record:ident| $resolve:block,
            insert = |$data:ident| $insert:expr,
            after = |$id:pat_param| $after:block
        ) => {{
            for (
                done,
                Line {
                    line,
                    record: $record,
                },
            ) in $rows.iter().enumerate()
            {
                let resolved: Result<_, ImportError> = {
                    let $r = Resolver {
                        keys: &*keys,
                        file: &table.file,
                        line: *line,
                    };
                    (|| $resolve)()
                };
                match resolved {
                    Ok($data) => match $insert {
                        Ok($id) => {
                            counts.created += 1;
                            $after
                        }
                        Err(e) => {
                            errors.push(row_error(&table.file, *line, e)?);
                            break;
                        }
                    },
                    Err(error) => errors.push(error),
                }
                if done % 256 == 255 {
                    progress.advance(256);
                }
            }
        }};
    }

    match &table.rows {
        Rows::Districts(rows) => {
            for Line { line, record } in rows {
                let (id, created) = territory::upsert_district(tx, ctx, record, Origin::Import)
                    .await
                    .map_err(|e| at_row(&table.file, *line, e))?;
                keys.districts
                    .insert(record.ags.as_str().to_owned(), id.get());
                if created {
                    counts.created += 1;
                } else {
                    counts.updated += 1;
                }
            }
        }
        Rows::Municipalities(rows) => each_row!(
            rows,
            resolve = |r, record| {
                r.district("district_ags", &record.ags.district())?;
                Ok(record)
            },
            insert = |data| territory::upsert_municipality(tx, ctx, data, Origin::Import).await,
            after = |(id, created)| {
                keys.municipalities
                    .insert(record.ags.as_str().to_owned(), id.get());
                if !created {
                    // counted as created; an update belongs in its own column
                    counts.updated += 1;
                    counts.created -= 1;
                }
            }
        ),
        Rows::Regions(rows) => each_row!(
            rows,
            resolve = |r, record| {
                for ags in &record.districts {
                    r.district("districts", ags)?;
                }
                Ok(r.keys.regions.get(record.slug.as_str()).copied())
            },
            insert = |existing| async {
                match existing {
                    Some(id) => territory::replace_region(tx, RegionId::new(id), record)
                        .await
                        .map(|()| (RegionId::new(id), false)),
                    None => territory::insert_region(tx, ctx, record, Origin::Import)
                        .await
                        .map(|id| (id, true)),
                }
            }
            .await,
            after = |(id, created)| {
                keys.regions
                    .insert(record.slug.as_str().to_owned(), id.get());
                if !created {
                    counts.updated += 1;
                    counts.created -= 1;
                }
            }
        ),
        Rows::Milestones(rows) => each_row!(
            rows,
            resolve = |r, record| {
                let municipality = r.municipality("municipality", &record.municipality)?;
                let key = (
                    municipality.get(),
                    record.kind.code().to_owned(),
                    record.achieved_on.to_string(),
                );
                if r.keys.milestones.contains(&key) {
                    return Err(r.error(
                        "date",
                        Field::AchievedOn,
                        Rule::AlreadyExists {
                            key: format!("{} {}", record.kind.code(), record.achieved_on),
                        },
                    ));
                }
                MilestoneData::new(
                    municipality,
                    record.kind,
                    record.achieved_on,
                    record.context.clone(),
                    record.funding.clone(),
                    record.note.clone(),
                )
                .map_err(|e| r.error("amount", e.field, e.rule))
            },
            insert = |data| territory::insert_milestone(tx, ctx, &data, Origin::Import).await,
            after = |_| {}
        ),
        Rows::Organisations(rows) => each_row!(
            rows,
            resolve = |r, record| {
                r.fresh(&r.keys.organisations, record.external_ref.as_ref())?;
                r.fresh(&r.keys.persons, record.external_ref.as_ref())?;
                let home = r.home(&record.home)?;
                let area = record
                    .area
                    .iter()
                    .map(|t| match t {
                        TerritoryRef::District(d) => r.district("area", d).map(Territory::District),
                        TerritoryRef::Municipality(m) => {
                            r.municipality("area", m).map(Territory::Municipality)
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(OrganisationData {
                    external_ref: record.external_ref.clone(),
                    name: record.name.clone(),
                    short_name: record.short_name.clone(),
                    aliases: record.aliases.clone(),
                    kind: record.kind,
                    pillars: record.pillars.clone(),
                    home,
                    area,
                    email: record.email.clone(),
                    phone: record.phone.clone(),
                    website: record.website.clone(),
                    address: record.address.clone(),
                    description: record.description.clone(),
                })
            },
            insert = |data| actor::insert_organisation(tx, ctx, &data, Origin::Import).await,
            after = |id| {
                if let Some(key) = &record.external_ref {
                    keys.organisations.insert(key.as_str().to_owned(), id.get());
                }
            }
        ),
        Rows::Persons(rows) => each_row!(
            rows,
            resolve = |r, record| {
                r.fresh(&r.keys.persons, record.external_ref.as_ref())?;
                r.fresh(&r.keys.organisations, record.external_ref.as_ref())?;
                Ok(record)
            },
            insert = |data| actor::insert_person(tx, ctx, data, Origin::Import).await,
            after = |id| {
                if let Some(key) = &record.external_ref {
                    keys.persons.insert(key.as_str().to_owned(), id.get());
                }
            }
        ),
        Rows::Memberships(rows) => each_row!(
            rows,
            resolve = |r, record| {
                Ok(MembershipData {
                    person_id: r.person("person", &record.person)?,
                    organisation_id: r.organisation("organisation", &record.organisation)?,
                    function: record.function.clone(),
                    period: record.period,
                })
            },
            insert = |data| actor::insert_membership(tx, ctx, &data, Origin::Import).await,
            after = |_| {}
        ),
        Rows::Bodies(rows) => each_row!(
            rows,
            resolve = |r, record| {
                r.fresh(&r.keys.bodies, record.external_ref.as_ref())?;
                Ok(BodyData {
                    external_ref: record.external_ref.clone(),
                    name: record.name.clone(),
                    aliases: record.aliases.clone(),
                    kind: record.kind,
                    home: r.home(&record.home)?,
                    parent_id: record
                        .parent
                        .as_ref()
                        .map(|p| r.by_ref(&r.keys.bodies, "parent", Field::ParentBody, p))
                        .transpose()?
                        .map(BodyId::new),
                    period: record.period,
                    description: record.description.clone(),
                })
            },
            insert = |data| body::insert_body(tx, ctx, &data, Origin::Import).await,
            after = |id| {
                if let Some(key) = &record.external_ref {
                    keys.bodies.insert(key.as_str().to_owned(), id.get());
                }
            }
        ),
        Rows::BodyMembers(rows) => each_row!(
            rows,
            resolve = |r, record| {
                Ok(BodyMemberData {
                    body_id: BodyId::new(r.by_ref(
                        &r.keys.bodies,
                        "body",
                        Field::Body,
                        &record.body,
                    )?),
                    person_id: r.person("person", &record.person)?,
                    organisation_id: record
                        .organisation
                        .as_ref()
                        .map(|o| r.organisation("organisation", o))
                        .transpose()?,
                    role: record.role,
                    period: record.period,
                })
            },
            insert = |data| body::insert_member(tx, ctx, &data, Origin::Import).await,
            after = |_| {}
        ),
        Rows::MeetingSeries(rows) => each_row!(
            rows,
            resolve = |r, record| {
                r.fresh(&r.keys.series, record.external_ref.as_ref())?;
                let region_id = match &record.region {
                    Some(slug) => Some(
                        r.keys
                            .regions
                            .get(slug.as_str())
                            .map(|id| RegionId::new(*id))
                            .ok_or_else(|| r.unknown("region", Field::Region, slug.as_str()))?,
                    ),
                    None => None,
                };
                Ok(MeetingSeriesData {
                    external_ref: record.external_ref.clone(),
                    name: record.name.clone(),
                    description: record.description.clone(),
                    region_id,
                    organiser_id: record
                        .organiser
                        .as_ref()
                        .map(|o| r.organisation("organiser", o))
                        .transpose()?,
                })
            },
            insert = |data| meeting::insert_series(tx, ctx, &data, Origin::Import).await,
            after = |id| {
                if let Some(key) = &record.external_ref {
                    keys.series.insert(key.as_str().to_owned(), id.get());
                }
            }
        ),
        Rows::Meetings(rows) => each_row!(
            rows,
            resolve = |r, record| {
                r.fresh(&r.keys.meetings, record.external_ref.as_ref())?;
                Ok(MeetingData {
                    external_ref: record.external_ref.clone(),
                    series_id: record
                        .series
                        .as_ref()
                        .map(|s| r.series("series", s))
                        .transpose()?,
                    title: record.title.clone(),
                    time: record.time,
                    format: record.format,
                    status: record.status,
                    venue: Venue {
                        name: record.venue_name.clone(),
                        address: record.venue_address.clone(),
                        municipality_id: record
                            .venue_municipality
                            .as_ref()
                            .map(|m| r.municipality("venue_municipality", m))
                            .transpose()?,
                        location: record.venue_location,
                    },
                    capacity: record.capacity,
                    description: record.description.clone(),
                    minutes: record.minutes.clone(),
                    hosts: record
                        .hosts
                        .iter()
                        .map(|h| r.organisation("hosts", h))
                        .collect::<Result<_, _>>()?,
                })
            },
            insert = |data| meeting::insert_meeting(tx, ctx, &data, Origin::Import).await,
            after = |id| {
                if let Some(key) = &record.external_ref {
                    keys.meetings.insert(key.as_str().to_owned(), id.get());
                }
                keys.attendance_changed.insert(id.get());
            }
        ),
        Rows::Ties(rows) => {
            // Resolved first, then written in batches: ties are by far the largest file.
            let mut ties = Vec::with_capacity(rows.len());
            for Line { line, record } in rows {
                let r = Resolver {
                    keys,
                    file: &table.file,
                    line: *line,
                };
                let resolved = (|| {
                    let source = r.actor("source", Field::Source, &record.source)?;
                    let target = r.actor("target", Field::Target, &record.target)?;
                    let meeting_id = record
                        .meeting
                        .as_ref()
                        .map(|m| r.meeting("meeting", m))
                        .transpose()?;
                    TieData::new(TieSpec {
                        source,
                        target,
                        kind: record.kind,
                        directed: record.directed,
                        strength: record.strength,
                        period: record.period,
                        source_note: record.source_note.clone(),
                        meeting_id,
                    })
                    .map_err(|e| r.error("target", e.field, e.rule))
                })();
                match resolved {
                    Ok(tie) => ties.push(tie),
                    Err(error) => errors.push(error),
                }
            }
            if errors.is_empty() {
                tie::insert_imported_ties(tx, ctx, &ties, progress)
                    .await
                    .map_err(|(index, e)| at_row(&table.file, rows[index].line, e))?;
                counts.created = ties.len() as u64;
            }
        }
        Rows::Problems(rows) => each_row!(
            rows,
            resolve = |r, record| {
                r.fresh(&r.keys.problems, record.external_ref.as_ref())?;
                if !r.keys.categories.contains(record.category.as_str()) {
                    return Err(r.unknown("category", Field::Category, record.category.as_str()));
                }
                Ok(ProblemData {
                    external_ref: record.external_ref.clone(),
                    municipality_id: r.municipality("municipality", &record.municipality)?,
                    category: record.category.clone(),
                    title: record.title.clone(),
                    description: record.description.clone(),
                    severity: record.severity,
                    trend: record.trend,
                    status: record.status,
                    visibility: record.visibility,
                    hotspot: record.hotspot.clone(),
                    observed_since: record.observed_since,
                    responsible: record
                        .responsible
                        .iter()
                        .map(|a| r.actor("responsible", Field::Responsible, a))
                        .collect::<Result<_, _>>()?,
                    affected: record
                        .affected
                        .iter()
                        .map(|a| r.actor("affected", Field::Affected, a))
                        .collect::<Result<_, _>>()?,
                })
            },
            insert = |data| problem::insert_problem(tx, ctx, &data, Origin::Import).await,
            after = |id| {
                if let Some(key) = &record.external_ref {
                    keys.problems.insert(key.as_str().to_owned(), id.get());
                }
            }
        ),
        Rows::Practices(rows) => each_row!(
            rows,
            resolve = |r, record| {
                r.fresh(&r.keys.practices, record.external_ref.as_ref())?;
                r.categories(&record.categories)?;
                Ok(PracticeData {
                    external_ref: record.external_ref.clone(),
                    municipality_id: r.municipality("municipality", &record.municipality)?,
                    title: record.title.clone(),
                    summary: record.summary.clone(),
                    approach: record.approach.clone(),
                    outcome: record.outcome.clone(),
                    categories: record.categories.clone(),
                    partners: record
                        .partners
                        .iter()
                        .map(|p| r.organisation("partners", p))
                        .collect::<Result<_, _>>()?,
                    contact_person_id: record
                        .contact
                        .as_ref()
                        .map(|c| r.person("contact", c))
                        .transpose()?,
                    period: record.period,
                })
            },
            insert = |data| practice::insert_practice(tx, ctx, &data, Origin::Import).await,
            after = |id| {
                if let Some(key) = &record.external_ref {
                    keys.practices.insert(key.as_str().to_owned(), id.get());
                }
            }
        ),
        Rows::Participations(rows) => each_row!(
            rows,
            resolve = |r, record| {
                let meeting_id = r.meeting("meeting", &record.meeting)?;
                let person_id = r.person("person", &record.person)?;
                if r.keys
                    .participations
                    .contains(&(meeting_id.get(), person_id.get()))
                {
                    return Err(r.error(
                        "person",
                        Field::Person,
                        Rule::AlreadyExists {
                            key: format!("{} / {}", record.meeting, record.person),
                        },
                    ));
                }
                Ok(ParticipationData {
                    meeting_id,
                    person_id,
                    organisation_id: record
                        .organisation
                        .as_ref()
                        .map(|o| r.organisation("organisation", o))
                        .transpose()?,
                    status: record.status,
                    note: record.note.clone(),
                })
            },
            insert = |data| meeting::insert_participation(tx, ctx, &data, Origin::Import)
                .await
                .map(|_| (data.meeting_id, data.person_id)),
            after = |(meeting, person)| {
                keys.participations.insert((meeting.get(), person.get()));
                keys.attendance_changed.insert(meeting.get());
            }
        ),
        Rows::Topics(rows) => each_row!(
            rows,
            resolve = |r, record| {
                r.fresh(&r.keys.topics, record.external_ref.as_ref())?;
                r.categories(&record.categories)?;
                Ok(TopicData {
                    external_ref: record.external_ref.clone(),
                    title: record.title.clone(),
                    description: record.description.clone(),
                    status: record.status,
                    series_id: record
                        .series
                        .as_ref()
                        .map(|s| r.series("series", s))
                        .transpose()?,
                    raised_by_id: record
                        .raised_by
                        .as_ref()
                        .map(|p| r.person("raised_by", p))
                        .transpose()?,
                    raised_at_id: record
                        .raised_at
                        .as_ref()
                        .map(|m| r.meeting("raised_at", m))
                        .transpose()?,
                    raised_on: record.raised_on,
                    categories: record.categories.clone(),
                    municipalities: record
                        .municipalities
                        .iter()
                        .map(|m| r.municipality("municipalities", m))
                        .collect::<Result<_, _>>()?,
                })
            },
            insert = |data| topic::insert_topic(tx, ctx, &data, Origin::Import).await,
            after = |id| {
                if let Some(key) = &record.external_ref {
                    keys.topics.insert(key.as_str().to_owned(), id.get());
                }
            }
        ),
        Rows::AgendaItems(rows) => each_row!(
            rows,
            resolve = |r, record| {
                let meeting_id = r.meeting("meeting", &record.meeting)?;
                if r.keys
                    .agenda
                    .contains_key(&(meeting_id.get(), record.position))
                {
                    return Err(r.error(
                        "position",
                        Field::Position,
                        Rule::AlreadyExists {
                            key: format!("{} / {}", record.meeting, record.position),
                        },
                    ));
                }
                Ok(AgendaItemData {
                    meeting_id,
                    position: record.position,
                    title: record.title.clone(),
                    duration_minutes: record.duration_minutes,
                    presenter_id: record
                        .presenter
                        .as_ref()
                        .map(|p| r.person("presenter", p))
                        .transpose()?,
                    topic_id: record
                        .topic
                        .as_ref()
                        .map(|t| r.by_ref(&r.keys.topics, "topic", Field::Topic, t))
                        .transpose()?
                        .map(TopicId::new),
                    notes: record.notes.clone(),
                })
            },
            insert = |data| meeting::insert_agenda_item(tx, ctx, &data, Origin::Import)
                .await
                .map(|id| (id, data.meeting_id, data.position)),
            after = |(id, meeting_id, position)| {
                keys.agenda.insert((meeting_id.get(), position), id.get());
            }
        ),
        Rows::Decisions(rows) => each_row!(
            rows,
            resolve = |r, record| {
                let meeting_id = r.meeting("meeting", &record.meeting)?;
                let agenda_item_id = match record.agenda_position {
                    Some(position) => Some(
                        r.keys
                            .agenda
                            .get(&(meeting_id.get(), position))
                            .map(|id| AgendaItemId::new(*id))
                            .ok_or_else(|| {
                                r.unknown(
                                    "agenda_position",
                                    Field::AgendaItem,
                                    &format!("{} / {position}", record.meeting),
                                )
                            })?,
                    ),
                    None => None,
                };
                Ok(DecisionData {
                    meeting_id,
                    agenda_item_id,
                    text: record.text.clone(),
                })
            },
            insert = |data| meeting::insert_decision(tx, ctx, &data, Origin::Import).await,
            after = |_| {}
        ),
        Rows::ActionItems(rows) => each_row!(
            rows,
            resolve = |r, record| {
                Ok(ActionItemData {
                    meeting_id: record
                        .meeting
                        .as_ref()
                        .map(|m| r.meeting("meeting", m))
                        .transpose()?,
                    decision_id: None,
                    title: record.title.clone(),
                    owner_id: record
                        .owner
                        .as_ref()
                        .map(|o| r.person("owner", o))
                        .transpose()?,
                    due_on: record.due_on,
                    status: record.status,
                    completed_on: record.completed_on,
                })
            },
            insert = |data| meeting::insert_action_item(tx, ctx, &data, Origin::Import).await,
            after = |_| {}
        ),
    }
    Ok(())
}
