//! Districts, municipalities, network regions and programme milestones.

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{DistrictId, MilestoneId, MunicipalityId, RegionId};
use praevnetz_domain::programme::{Funding, Milestone, MilestoneData};
use praevnetz_domain::territory::{
    Ags, District, DistrictAgs, DistrictData, GeoPoint, Municipality, MunicipalityData, Region,
    RegionData, short_name,
};
use praevnetz_domain::text::{Name, Slug, Text};

use super::{
    Conn, DbRow, Origin, Pool, Reader, audit, begin, by_name, delete_audited, found, sql_date,
};
use crate::error::{StoreError, Violation, is_foreign_key_violation};

// ---------------------------------------------------------------- districts

macro_rules! district_columns {
    () => {
        "district_id, ags, kind, name, nuts3, area_km2, population"
    };
}

fn district(row: &DbRow) -> Result<District, StoreError> {
    let r = Reader::new(row, "district", "district_id")?;
    Ok(District {
        id: DistrictId::new(r.id()),
        data: DistrictData {
            ags: r.with("ags", DistrictAgs::parse)?,
            kind: r.code("kind")?,
            name: r.name("name")?,
            nuts3: r.opt_name("nuts3")?,
            area_km2: r.opt_f64("area_km2")?,
            population: r.opt_i64("population")?,
        },
    })
}

/// Inserts or updates (by AGS) a district; returns its id and whether it was new.
pub(crate) async fn upsert_district(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &DistrictData,
    origin: Origin,
) -> Result<(DistrictId, bool), StoreError> {
    let existing: Option<i64> =
        sqlx::query_scalar("select district_id from district where ags = $1")
            .bind(data.ags.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    let id: i64 = sqlx::query_scalar(
        "insert into district (ags, state_code, kind, name, nuts3, area_km2, population) \
         values ($1, $2, $3, $4, $5, $6, $7) \
         on conflict (ags) do update set kind = excluded.kind, name = excluded.name, \
           nuts3 = excluded.nuts3, area_km2 = excluded.area_km2, population = excluded.population \
         returning district_id",
    )
    .bind(data.ags.as_str())
    .bind(data.ags.state().as_str())
    .bind(data.kind.code())
    .bind(data.name.as_str())
    .bind(data.nuts3.as_ref().map(Name::as_str))
    .bind(data.area_km2)
    .bind(data.population)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        Violation {
            reference: Field::StateCode,
            unique: Field::DistrictAgs,
            key: data.ags.as_str(),
        }
        .map(e)
    })?;
    let action = if existing.is_some() {
        AuditAction::Update
    } else {
        AuditAction::Create
    };
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            action,
            EntityKind::District,
            Some(id),
            &format!("{} {}", data.ags, data.name),
        )
        .await?;
    }
    Ok((DistrictId::new(id), existing.is_none()))
}

pub(crate) async fn save_district(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &DistrictData,
) -> Result<DistrictId, StoreError> {
    let mut tx = begin(pool).await?;
    let (id, _) = upsert_district(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn get_district(
    pool: &Pool,
    id: DistrictId,
) -> Result<Option<District>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        district_columns!(),
        " from district where district_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(district).transpose()
}

pub(crate) async fn district_by_ags(
    pool: &Pool,
    ags: &DistrictAgs,
) -> Result<Option<District>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        district_columns!(),
        " from district where ags = $1"
    ))
    .bind(ags.as_str())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(district).transpose()
}

pub(crate) async fn list_districts(pool: &Pool) -> Result<Vec<District>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        district_columns!(),
        " from district order by ags"
    ))
    .fetch_all(pool)
    .await?;
    rows.iter().map(district).collect()
}

pub(crate) async fn delete_district(
    pool: &Pool,
    ctx: &ChangeContext,
    id: DistrictId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from district where district_id = $1",
        EntityKind::District,
        id.get(),
        Field::District,
    )
    .await
}

// ---------------------------------------------------------------- municipalities

macro_rules! municipality_columns {
    () => {
        "m.municipality_id, m.ags, m.name, m.latitude, m.longitude, \
     m.seat_population, d.district_id"
    };
}

fn municipality(row: &DbRow) -> Result<Municipality, StoreError> {
    let r = Reader::new(row, "municipality", "municipality_id")?;
    let location = r.check(
        "location",
        GeoPoint::from_optional(r.opt_f64("latitude")?, r.opt_f64("longitude")?),
    )?;
    Ok(Municipality {
        id: MunicipalityId::new(r.id()),
        district_id: DistrictId::new(r.i64("district_id")?),
        data: MunicipalityData {
            ags: r.with("ags", Ags::parse)?,
            name: r.name("name")?,
            location,
            seat_population: r.opt_i64("seat_population")?,
        },
    })
}

/// Inserts or updates (by AGS) a municipality; returns its id and whether it was new.
pub(crate) async fn upsert_municipality(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &MunicipalityData,
    origin: Origin,
) -> Result<(MunicipalityId, bool), StoreError> {
    let existing: Option<i64> =
        sqlx::query_scalar("select municipality_id from municipality where ags = $1")
            .bind(data.ags.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    let district = data.ags.district();
    let id: i64 = sqlx::query_scalar(
        "insert into municipality (ags, district_ags, name, latitude, longitude, seat_population) \
         values ($1, $2, $3, $4, $5, $6) \
         on conflict (ags) do update set name = excluded.name, latitude = excluded.latitude, \
           longitude = excluded.longitude, seat_population = excluded.seat_population \
         returning municipality_id",
    )
    .bind(data.ags.as_str())
    .bind(district.as_str())
    .bind(data.name.as_str())
    .bind(data.location.map(|p| p.lat()))
    .bind(data.location.map(|p| p.lon()))
    .bind(data.seat_population)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if is_foreign_key_violation(&e) {
            StoreError::invalid(
                Field::Ags,
                Rule::UnknownDistrict {
                    ags: district.as_str().to_owned(),
                },
            )
        } else {
            Violation {
                reference: Field::DistrictAgs,
                unique: Field::Ags,
                key: data.ags.as_str(),
            }
            .map(e)
        }
    })?;
    let action = if existing.is_some() {
        AuditAction::Update
    } else {
        AuditAction::Create
    };
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            action,
            EntityKind::Municipality,
            Some(id),
            &format!("{} {}", data.ags, short_name(data.name.as_str())),
        )
        .await?;
    }
    Ok((MunicipalityId::new(id), existing.is_none()))
}

pub(crate) async fn save_municipality(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &MunicipalityData,
) -> Result<MunicipalityId, StoreError> {
    let mut tx = begin(pool).await?;
    let (id, _) = upsert_municipality(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn get_municipality(
    pool: &Pool,
    id: MunicipalityId,
) -> Result<Option<Municipality>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        municipality_columns!(),
        " from municipality m \
         join district d on d.ags = m.district_ags where m.municipality_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(municipality).transpose()
}

pub(crate) async fn municipality_by_ags(
    pool: &Pool,
    ags: &Ags,
) -> Result<Option<Municipality>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        municipality_columns!(),
        " from municipality m \
         join district d on d.ags = m.district_ags where m.ags = $1"
    ))
    .bind(ags.as_str())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(municipality).transpose()
}

pub(crate) async fn list_municipalities(
    pool: &Pool,
    district: Option<DistrictId>,
) -> Result<Vec<Municipality>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        municipality_columns!(),
        " from municipality m \
         join district d on d.ags = m.district_ags \
         where ($1 is null or d.district_id = $1) order by m.ags"
    ))
    .bind(district.map(DistrictId::get))
    .fetch_all(pool)
    .await?;
    rows.iter().map(municipality).collect()
}

pub(crate) async fn delete_municipality(
    pool: &Pool,
    ctx: &ChangeContext,
    id: MunicipalityId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from municipality where municipality_id = $1",
        EntityKind::Municipality,
        id.get(),
        Field::Municipality,
    )
    .await
}

// ---------------------------------------------------------------- regions

async fn region_districts(pool: &Pool, id: i64) -> Result<Vec<DistrictAgs>, StoreError> {
    let rows: Vec<String> = sqlx::query_scalar(
        "select d.ags from region_district rd join district d on d.district_id = rd.district_id \
         where rd.region_id = $1 order by d.ags",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|ags| {
            DistrictAgs::parse(ags).map_err(|e| StoreError::Corrupt {
                entity: "region",
                id,
                problem: e.to_string(),
            })
        })
        .collect()
}

async fn region(pool: &Pool, row: &DbRow) -> Result<Region, StoreError> {
    let r = Reader::new(row, "region", "region_id")?;
    Ok(Region {
        id: RegionId::new(r.id()),
        data: RegionData {
            slug: r.with("slug", Slug::parse)?,
            name: r.name("name")?,
            description: r.opt_text("description")?,
            districts: region_districts(pool, r.id()).await?,
        },
    })
}

async fn write_region_districts(
    conn: &mut Conn,
    id: i64,
    districts: &[DistrictAgs],
) -> Result<(), StoreError> {
    sqlx::query("delete from region_district where region_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for ags in districts {
        let inserted = sqlx::query(
            "insert into region_district (region_id, district_id) \
             select $1, district_id from district where ags = $2 on conflict do nothing",
        )
        .bind(id)
        .bind(ags.as_str())
        .execute(&mut *conn)
        .await?;
        if inserted.rows_affected() == 0 {
            let exists: Option<i64> =
                sqlx::query_scalar("select district_id from district where ags = $1")
                    .bind(ags.as_str())
                    .fetch_optional(&mut *conn)
                    .await?;
            if exists.is_none() {
                return Err(StoreError::invalid(
                    Field::Districts,
                    Rule::UnknownDistrict {
                        ags: ags.as_str().to_owned(),
                    },
                ));
            }
        }
    }
    Ok(())
}

pub(crate) async fn insert_region(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &RegionData,
    origin: Origin,
) -> Result<RegionId, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "insert into region (slug, name, description) values ($1, $2, $3) returning region_id",
    )
    .bind(data.slug.as_str())
    .bind(data.name.as_str())
    .bind(data.description.as_ref().map(Text::as_str))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        Violation {
            reference: Field::Region,
            unique: Field::Slug,
            key: data.slug.as_str(),
        }
        .map(e)
    })?;
    write_region_districts(conn, id, &data.districts).await?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Region,
            Some(id),
            data.name.as_str(),
        )
        .await?;
    }
    Ok(RegionId::new(id))
}

/// Replaces a region's data without an audit entry of its own (the import records one for the
/// whole file).
pub(crate) async fn replace_region(
    conn: &mut Conn,
    id: RegionId,
    data: &RegionData,
) -> Result<(), StoreError> {
    sqlx::query("update region set name = $2, description = $3 where region_id = $1")
        .bind(id.get())
        .bind(data.name.as_str())
        .bind(data.description.as_ref().map(Text::as_str))
        .execute(&mut *conn)
        .await?;
    write_region_districts(conn, id.get(), &data.districts).await
}

pub(crate) async fn create_region(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &RegionData,
) -> Result<RegionId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_region(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_region(
    pool: &Pool,
    ctx: &ChangeContext,
    id: RegionId,
    data: &RegionData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    let result = sqlx::query(
        "update region set slug = $2, name = $3, description = $4 where region_id = $1",
    )
    .bind(id.get())
    .bind(data.slug.as_str())
    .bind(data.name.as_str())
    .bind(data.description.as_ref().map(Text::as_str))
    .execute(&mut *tx)
    .await
    .map_err(|e| {
        Violation {
            reference: Field::Region,
            unique: Field::Slug,
            key: data.slug.as_str(),
        }
        .map(e)
    })?;
    found(result.rows_affected(), EntityKind::Region, id.get())?;
    write_region_districts(&mut tx, id.get(), &data.districts).await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Region,
        Some(id.get()),
        data.name.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_region(pool: &Pool, id: RegionId) -> Result<Option<Region>, StoreError> {
    let row =
        sqlx::query("select region_id, slug, name, description from region where region_id = $1")
            .bind(id.get())
            .fetch_optional(pool)
            .await?;
    match row {
        Some(row) => Ok(Some(region(pool, &row).await?)),
        None => Ok(None),
    }
}

pub(crate) async fn region_by_slug(pool: &Pool, slug: &Slug) -> Result<Option<Region>, StoreError> {
    let row = sqlx::query("select region_id, slug, name, description from region where slug = $1")
        .bind(slug.as_str())
        .fetch_optional(pool)
        .await?;
    match row {
        Some(row) => Ok(Some(region(pool, &row).await?)),
        None => Ok(None),
    }
}

pub(crate) async fn list_regions(pool: &Pool) -> Result<Vec<Region>, StoreError> {
    let rows =
        sqlx::query("select region_id, slug, name, description from region order by region_id")
            .fetch_all(pool)
            .await?;
    let mut regions = Vec::with_capacity(rows.len());
    for row in &rows {
        regions.push(region(pool, row).await?);
    }
    by_name(Ok(regions), |r| r.data.name.to_string())
}

pub(crate) async fn delete_region(
    pool: &Pool,
    ctx: &ChangeContext,
    id: RegionId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from region where region_id = $1",
        EntityKind::Region,
        id.get(),
        Field::Region,
    )
    .await
}

// ---------------------------------------------------------------- milestones

macro_rules! milestone_columns {
    () => {
        "milestone_id, municipality_id, kind, achieved_on, context, \
     amount_cents, purpose, note"
    };
}

fn milestone(row: &DbRow) -> Result<Milestone, StoreError> {
    let r = Reader::new(row, "milestone", "milestone_id")?;
    let funding = r.opt_i64("amount_cents")?.map(|amount_cents| Funding {
        amount_cents,
        purpose: None,
    });
    let funding = match funding {
        Some(mut f) => {
            f.purpose = r.opt_name("purpose")?;
            Some(f)
        }
        None => None,
    };
    let data = r.check(
        "milestone",
        MilestoneData::new(
            MunicipalityId::new(r.i64("municipality_id")?),
            r.code("kind")?,
            r.date("achieved_on")?,
            r.opt_name("context")?,
            funding,
            r.opt_text("note")?,
        ),
    )?;
    Ok(Milestone {
        id: MilestoneId::new(r.id()),
        data,
    })
}

fn milestone_violation(data: &MilestoneData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        let key = format!("{} {}", data.kind().code(), data.achieved_on());
        Violation {
            reference: Field::Municipality,
            unique: Field::AchievedOn,
            key: &key,
        }
        .map(e)
    }
}

pub(crate) async fn insert_milestone(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &MilestoneData,
    origin: Origin,
) -> Result<MilestoneId, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "insert into milestone (municipality_id, kind, achieved_on, context, amount_cents, \
         purpose, note) values ($1, $2, $3, $4, $5, $6, $7) returning milestone_id",
    )
    .bind(data.municipality_id().get())
    .bind(data.kind().code())
    .bind(sql_date(Some(data.achieved_on())))
    .bind(data.context().map(Name::as_str))
    .bind(data.funding().map(|f| f.amount_cents))
    .bind(
        data.funding()
            .and_then(|f| f.purpose.as_ref())
            .map(Name::as_str),
    )
    .bind(data.note().map(Text::as_str))
    .fetch_one(&mut *conn)
    .await
    .map_err(milestone_violation(data))?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Milestone,
            Some(id),
            data.kind().code(),
        )
        .await?;
    }
    Ok(MilestoneId::new(id))
}

pub(crate) async fn create_milestone(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &MilestoneData,
) -> Result<MilestoneId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_milestone(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_milestone(
    pool: &Pool,
    ctx: &ChangeContext,
    id: MilestoneId,
    data: &MilestoneData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    let result = sqlx::query(
        "update milestone set municipality_id = $2, kind = $3, achieved_on = $4, context = $5, \
         amount_cents = $6, purpose = $7, note = $8 where milestone_id = $1",
    )
    .bind(id.get())
    .bind(data.municipality_id().get())
    .bind(data.kind().code())
    .bind(sql_date(Some(data.achieved_on())))
    .bind(data.context().map(Name::as_str))
    .bind(data.funding().map(|f| f.amount_cents))
    .bind(
        data.funding()
            .and_then(|f| f.purpose.as_ref())
            .map(Name::as_str),
    )
    .bind(data.note().map(Text::as_str))
    .execute(&mut *tx)
    .await
    .map_err(milestone_violation(data))?;
    found(result.rows_affected(), EntityKind::Milestone, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Milestone,
        Some(id.get()),
        data.kind().code(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_milestone(
    pool: &Pool,
    id: MilestoneId,
) -> Result<Option<Milestone>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        milestone_columns!(),
        " from milestone where milestone_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(milestone).transpose()
}

pub(crate) async fn list_milestones(
    pool: &Pool,
    municipality: Option<MunicipalityId>,
) -> Result<Vec<Milestone>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        milestone_columns!(),
        " from milestone \
         where ($1 is null or municipality_id = $1) order by municipality_id, achieved_on, kind"
    ))
    .bind(municipality.map(MunicipalityId::get))
    .fetch_all(pool)
    .await?;
    rows.iter().map(milestone).collect()
}

pub(crate) async fn delete_milestone(
    pool: &Pool,
    ctx: &ChangeContext,
    id: MilestoneId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from milestone where milestone_id = $1",
        EntityKind::Milestone,
        id.get(),
        Field::AchievedOn,
    )
    .await
}
