//! Municipality boundaries: imported from GeoJSON, read for the map.

use std::collections::HashMap;

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::geo::Boundary;
use praevnetz_domain::ids::MunicipalityId;
use praevnetz_domain::import::{BoundaryFile, ImportError, ImportErrors, ImportProblem};

use super::{DbRow, Pool, Reader, audit, begin, sql_ts};
use crate::error::StoreError;

pub(crate) async fn import_boundaries(
    pool: &Pool,
    ctx: &ChangeContext,
    file: &BoundaryFile,
    dry_run: bool,
) -> Result<u64, StoreError> {
    let mut tx = begin(pool).await?;
    let rows: Vec<(String, i64)> = sqlx::query_as("select ags, municipality_id from municipality")
        .fetch_all(&mut *tx)
        .await?;
    let municipalities: HashMap<String, i64> = rows.into_iter().collect();
    let mut errors = ImportErrors::new();
    let mut resolved = Vec::with_capacity(file.features.len());
    for feature in &file.features {
        match municipalities.get(feature.ags.as_str()) {
            Some(&id) => resolved.push((id, &feature.boundary)),
            None => errors.push(ImportError::json(
                &file.file,
                &feature.path,
                ImportProblem::Invalid(
                    Rule::UnknownReference {
                        key: feature.ags.to_string(),
                    }
                    .at(Field::Ags),
                ),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Import(errors));
    }
    for (id, boundary) in &resolved {
        sqlx::query(
            "insert into municipality_boundary (municipality_id, rings, imported_at) \
             values ($1, $2, $3) \
             on conflict (municipality_id) do update set rings = excluded.rings, \
               imported_at = excluded.imported_at",
        )
        .bind(id)
        .bind(boundary.to_json())
        .bind(sql_ts(ctx.at))
        .execute(&mut *tx)
        .await?;
    }
    let count = resolved.len() as u64;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Import,
        EntityKind::Boundary,
        None,
        &format!("{}: {count} boundaries", file.file),
    )
    .await?;
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(count)
}

fn boundary(row: &DbRow) -> Result<(MunicipalityId, Boundary), StoreError> {
    let r = Reader::new(row, "municipality_boundary", "municipality_id")?;
    Ok((
        MunicipalityId::new(r.id()),
        r.with("rings", Boundary::from_json)?,
    ))
}

pub(crate) async fn list_boundaries(
    pool: &Pool,
) -> Result<Vec<(MunicipalityId, Boundary)>, StoreError> {
    let rows = sqlx::query(
        "select municipality_id, rings from municipality_boundary order by municipality_id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter().map(boundary).collect()
}

pub(crate) async fn get_boundary(
    pool: &Pool,
    municipality: MunicipalityId,
) -> Result<Option<Boundary>, StoreError> {
    let row = sqlx::query(
        "select municipality_id, rings from municipality_boundary where municipality_id = $1",
    )
    .bind(municipality.get())
    .fetch_optional(pool)
    .await?;
    Ok(row.as_ref().map(boundary).transpose()?.map(|(_, b)| b))
}
