//! Organisations, persons and memberships. Persons and organisations are actors: each row has a
//! twin in `actor`, whose deletion removes the record with its ties and memberships.

use std::collections::HashMap;

use praevnetz_domain::actor::{
    ActorKind, DataBasis, Home, Membership, MembershipData, Organisation, OrganisationData, Person,
    PersonData, Pillar, Pillars, Territory,
};
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{DistrictId, MembershipId, MunicipalityId, OrganisationId, PersonId};
use praevnetz_domain::text::{Email, ExternalRef, Name, Phone, Text, Url, sort_key};

use praevnetz_domain::time::Period;

use super::{
    Conn, DbRow, Origin, Parents, Pool, Reader, audit, begin, by_name, child_lists, delete_audited,
    exists, found, push_id_list, replace_list, row_ids, sql_date, unknown_reference,
};
use crate::error::{StoreError, Violation};
use crate::search::{Terms, search_key};
use crate::{OrganisationSearch, Page, PersonSearch};
use jiff::civil::Date;

/// Creates the actor twin of a new person or organisation; returns the shared id.
pub(crate) async fn insert_actor(conn: &mut Conn, kind: ActorKind) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("insert into actor (kind) values ($1) returning actor_id")
            .bind(kind.code())
            .fetch_one(&mut *conn)
            .await?,
    )
}

async fn delete_actor(
    pool: &Pool,
    ctx: &ChangeContext,
    kind: ActorKind,
    entity: EntityKind,
    id: i64,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    let result = sqlx::query("delete from actor where actor_id = $1 and kind = $2")
        .bind(id)
        .bind(kind.code())
        .execute(&mut *tx)
        .await?;
    found(result.rows_affected(), entity, id)?;
    audit::record(&mut tx, ctx, AuditAction::Delete, entity, Some(id), "").await?;
    tx.commit().await?;
    Ok(())
}

/// The field a missing home concerns.
fn home_field(home: Home) -> Field {
    match home {
        Home::District(_) => Field::District,
        Home::State | Home::Municipality(_) => Field::Municipality,
    }
}

const PERSON_REF_TAKEN: &str = "select exists (select 1 from person where external_ref = $1)";
const ORGANISATION_REF_TAKEN: &str =
    "select exists (select 1 from organisation where external_ref = $1)";

/// Persons and organisations share one namespace of references (ties and problem actors name
/// either by it), so a reference must not be taken by the other kind; `taken` asks the other
/// table. The database keeps each table's own references unique.
async fn check_shared_ref(
    conn: &mut Conn,
    taken: &'static str,
    key: Option<&ExternalRef>,
) -> Result<(), StoreError> {
    let Some(key) = key else { return Ok(()) };
    let used: bool = sqlx::query_scalar(taken)
        .bind(key.as_str())
        .fetch_one(&mut *conn)
        .await?;
    if used {
        Err(StoreError::invalid(
            Field::Ref,
            Rule::AlreadyExists {
                key: key.as_str().to_owned(),
            },
        ))
    } else {
        Ok(())
    }
}

fn ref_violation(field: Field, external_ref: Option<&ExternalRef>) -> Violation<'_> {
    Violation {
        reference: field,
        unique: Field::Ref,
        key: external_ref.map_or("", ExternalRef::as_str),
    }
}

// ---------------------------------------------------------------- search keys

/// The key persons are listed by (family name, then given name; see migration 0003).
fn person_sort_key(given_name: &str, family_name: &str) -> String {
    sort_key(&format!("{family_name} {given_name}"))
}

/// What a person search matches of the person's own record.
fn person_search_key(title: Option<&str>, given_name: &str, family_name: &str) -> String {
    search_key(&format!(
        "{} {given_name} {family_name}",
        title.unwrap_or_default()
    ))
}

/// What a search matches of an organisation: name, short name and aliases.
fn organisation_search_key(data: &OrganisationData) -> String {
    let mut text = data.name.to_string();
    for extra in data.short_name.iter().chain(&data.aliases) {
        text.push(' ');
        text.push_str(extra.as_str());
    }
    search_key(&text)
}

/// Writes the keys that persons, organisations and memberships of an older schema lack.
pub(crate) async fn key_unkeyed(pool: &Pool) -> Result<(), StoreError> {
    let persons = sqlx::query(
        "select person_id, title, given_name, family_name from person where sort_key is null",
    )
    .fetch_all(pool)
    .await?;
    let organisations =
        sqlx::query("select organisation_id from organisation where sort_key is null")
            .fetch_all(pool)
            .await?;
    let memberships =
        sqlx::query("select membership_id, function from membership where search_key is null")
            .fetch_all(pool)
            .await?;
    if persons.is_empty() && organisations.is_empty() && memberships.is_empty() {
        return Ok(());
    }
    let mut tx = begin(pool).await?;
    for row in &persons {
        let r = Reader::new(row, "person", "person_id")?;
        let (given, family) = (r.string("given_name")?, r.string("family_name")?);
        sqlx::query("update person set sort_key = $2, search_key = $3 where person_id = $1")
            .bind(r.id())
            .bind(person_sort_key(&given, &family))
            .bind(person_search_key(
                r.opt_string("title")?.as_deref(),
                &given,
                &family,
            ))
            .execute(&mut *tx)
            .await?;
    }
    for id in row_ids(&organisations, "organisation_id")? {
        if let Some(organisation) = get_organisation(pool, OrganisationId::new(id)).await? {
            sqlx::query(
                "update organisation set sort_key = $2, search_key = $3 \
                 where organisation_id = $1",
            )
            .bind(id)
            .bind(sort_key(organisation.data.name.as_str()))
            .bind(organisation_search_key(&organisation.data))
            .execute(&mut *tx)
            .await?;
        }
    }
    for row in &memberships {
        let r = Reader::new(row, "membership", "membership_id")?;
        sqlx::query("update membership set search_key = $2 where membership_id = $1")
            .bind(r.id())
            .bind(search_key(
                r.opt_string("function")?.as_deref().unwrap_or_default(),
            ))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- organisations

macro_rules! organisation_columns {
    () => {
        "organisation_id, external_ref, name, short_name, kind, pillar, district_id, \
         municipality_id, email, phone, website, address, description"
    };
}

/// Aliases, secondary pillars and area of one organisation, or of all.
#[derive(Default)]
struct OrganisationChildren {
    aliases: HashMap<i64, Vec<Name>>,
    pillars: HashMap<i64, Vec<Pillar>>,
    area: HashMap<i64, Vec<Territory>>,
}

async fn organisation_children(
    pool: &Pool,
    parents: Parents<'_>,
) -> Result<OrganisationChildren, StoreError> {
    let mut children = OrganisationChildren {
        aliases: child_lists(
            pool,
            "select organisation_id as parent, alias from organisation_alias \
             where organisation_id",
            "",
            "organisation",
            parents,
            |r| r.name("alias"),
        )
        .await?,
        pillars: child_lists(
            pool,
            "select organisation_id as parent, pillar from organisation_pillar \
             where organisation_id",
            "",
            "organisation",
            parents,
            |r| r.code("pillar"),
        )
        .await?,
        area: child_lists(
            pool,
            "select organisation_id as parent, district_id, municipality_id \
             from organisation_area where organisation_id",
            "order by organisation_area_id",
            "organisation",
            parents,
            |r| match (r.opt_i64("district_id")?, r.opt_i64("municipality_id")?) {
                (Some(d), None) => Ok(Territory::District(DistrictId::new(d))),
                (None, Some(m)) => Ok(Territory::Municipality(MunicipalityId::new(m))),
                _ => Err(r.corrupt_row("area entry without exactly one territory")),
            },
        )
        .await?,
    };
    // Sorted here rather than by the database, whose collation may differ between servers.
    for aliases in children.aliases.values_mut() {
        aliases.sort();
    }
    Ok(children)
}

fn organisation(
    row: &DbRow,
    children: &mut OrganisationChildren,
) -> Result<Organisation, StoreError> {
    let r = Reader::new(row, "organisation", "organisation_id")?;
    let id = r.id();
    let home = r.check(
        "home",
        Home::from_columns(
            r.opt_i64("district_id")?.map(DistrictId::new),
            r.opt_i64("municipality_id")?.map(MunicipalityId::new),
        ),
    )?;
    Ok(Organisation {
        id: OrganisationId::new(id),
        data: OrganisationData {
            external_ref: r.opt_ref("external_ref")?,
            name: r.name("name")?,
            short_name: r.opt_name("short_name")?,
            aliases: children.aliases.remove(&id).unwrap_or_default(),
            kind: r.code("kind")?,
            pillars: Pillars::new(
                r.code("pillar")?,
                children.pillars.remove(&id).unwrap_or_default(),
            ),
            home,
            area: children.area.remove(&id).unwrap_or_default(),
            email: r.opt_email("email")?,
            phone: r.opt_phone("phone")?,
            website: r.opt_url("website")?,
            address: r.opt_text("address")?,
            description: r.opt_text("description")?,
        },
    })
}

async fn write_organisation_children(
    conn: &mut Conn,
    id: i64,
    data: &OrganisationData,
) -> Result<(), StoreError> {
    // Replaced as a whole: the record's lists are what the caller says they are now.
    replace_list(
        conn,
        "delete from organisation_alias where organisation_id = $1",
        "insert into organisation_alias (organisation_id, alias) values ($1, $2) \
         on conflict do nothing",
        id,
        data.aliases.iter().map(Name::as_str).collect(),
        Field::Aliases,
    )
    .await?;
    replace_list(
        conn,
        "delete from organisation_pillar where organisation_id = $1",
        "insert into organisation_pillar (organisation_id, pillar) values ($1, $2)",
        id,
        data.pillars.secondary().iter().map(|p| p.code()).collect(),
        Field::SecondaryPillars,
    )
    .await?;
    sqlx::query("delete from organisation_area where organisation_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for territory in &data.area {
        let (district, municipality) = match territory {
            Territory::District(d) => (Some(d.get()), None),
            Territory::Municipality(m) => (None, Some(m.get())),
        };
        sqlx::query(
            "insert into organisation_area (organisation_id, district_id, municipality_id) \
             values ($1, $2, $3) on conflict do nothing",
        )
        .bind(id)
        .bind(district)
        .bind(municipality)
        .execute(&mut *conn)
        .await
        .map_err(|e| ref_violation(Field::Area, None).map(e))?;
    }
    Ok(())
}

pub(crate) async fn insert_organisation(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &OrganisationData,
    origin: Origin,
) -> Result<OrganisationId, StoreError> {
    if origin.checks_references() {
        check_shared_ref(conn, PERSON_REF_TAKEN, data.external_ref.as_ref()).await?;
    }
    let id = insert_actor(conn, ActorKind::Organisation).await?;
    let (district, municipality) = data.home.columns();
    sqlx::query(
        "insert into organisation (organisation_id, external_ref, name, short_name, kind, pillar, \
         district_id, municipality_id, email, phone, website, address, description, sort_key, \
         search_key) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(id)
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.name.as_str())
    .bind(data.short_name.as_ref().map(Name::as_str))
    .bind(data.kind.code())
    .bind(data.pillars.primary().code())
    .bind(district.map(DistrictId::get))
    .bind(municipality.map(MunicipalityId::get))
    .bind(data.email.as_ref().map(Email::as_str))
    .bind(data.phone.as_ref().map(Phone::as_str))
    .bind(data.website.as_ref().map(Url::as_str))
    .bind(data.address.as_ref().map(Text::as_str))
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(sort_key(data.name.as_str()))
    .bind(organisation_search_key(data))
    .execute(&mut *conn)
    .await
    .map_err(|e| ref_violation(home_field(data.home), data.external_ref.as_ref()).map(e))?;
    write_organisation_children(conn, id, data).await?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Organisation,
            Some(id),
            data.name.as_str(),
        )
        .await?;
    }
    Ok(OrganisationId::new(id))
}

pub(crate) async fn create_organisation(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &OrganisationData,
) -> Result<OrganisationId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_organisation(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_organisation(
    pool: &Pool,
    ctx: &ChangeContext,
    id: OrganisationId,
    data: &OrganisationData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_shared_ref(&mut tx, PERSON_REF_TAKEN, data.external_ref.as_ref()).await?;
    let (district, municipality) = data.home.columns();
    let result = sqlx::query(
        "update organisation set external_ref = $2, name = $3, short_name = $4, kind = $5, \
         pillar = $6, district_id = $7, municipality_id = $8, email = $9, phone = $10, \
         website = $11, address = $12, description = $13, sort_key = $14, search_key = $15 \
         where organisation_id = $1",
    )
    .bind(id.get())
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.name.as_str())
    .bind(data.short_name.as_ref().map(Name::as_str))
    .bind(data.kind.code())
    .bind(data.pillars.primary().code())
    .bind(district.map(DistrictId::get))
    .bind(municipality.map(MunicipalityId::get))
    .bind(data.email.as_ref().map(Email::as_str))
    .bind(data.phone.as_ref().map(Phone::as_str))
    .bind(data.website.as_ref().map(Url::as_str))
    .bind(data.address.as_ref().map(Text::as_str))
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(sort_key(data.name.as_str()))
    .bind(organisation_search_key(data))
    .execute(&mut *tx)
    .await
    .map_err(|e| ref_violation(home_field(data.home), data.external_ref.as_ref()).map(e))?;
    found(result.rows_affected(), EntityKind::Organisation, id.get())?;
    write_organisation_children(&mut tx, id.get(), data).await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Organisation,
        Some(id.get()),
        data.name.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_organisation(
    pool: &Pool,
    id: OrganisationId,
) -> Result<Option<Organisation>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        organisation_columns!(),
        " from organisation where organisation_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut children = organisation_children(pool, Parents::One(id.get())).await?;
    organisation(&row, &mut children).map(Some)
}

pub(crate) async fn organisation_by_ref(
    pool: &Pool,
    external_ref: &ExternalRef,
) -> Result<Option<Organisation>, StoreError> {
    let id: Option<i64> =
        sqlx::query_scalar("select organisation_id from organisation where external_ref = $1")
            .bind(external_ref.as_str())
            .fetch_optional(pool)
            .await?;
    match id {
        Some(id) => get_organisation(pool, OrganisationId::new(id)).await,
        None => Ok(None),
    }
}

/// Organisations at home in a municipality, or all, by name.
pub(crate) async fn list_organisations(
    pool: &Pool,
    municipality: Option<MunicipalityId>,
) -> Result<Vec<Organisation>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        organisation_columns!(),
        " from organisation where ($1 is null or municipality_id = $1) order by organisation_id"
    ))
    .bind(municipality.map(MunicipalityId::get))
    .fetch_all(pool)
    .await?;
    let ids = row_ids(&rows, "organisation_id")?;
    let parents = Parents::of_list(municipality.is_some(), &ids);
    let mut children = organisation_children(pool, parents).await?;
    by_name(
        rows.iter()
            .map(|row| organisation(row, &mut children))
            .collect(),
        |o| o.data.name.to_string(),
    )
}

pub(crate) async fn delete_organisation(
    pool: &Pool,
    ctx: &ChangeContext,
    id: OrganisationId,
) -> Result<(), StoreError> {
    delete_actor(
        pool,
        ctx,
        ActorKind::Organisation,
        EntityKind::Organisation,
        id.get(),
    )
    .await
}

// ---------------------------------------------------------------- persons

macro_rules! person_columns {
    () => {
        "person_id, external_ref, title, given_name, family_name, email, phone, legal_basis, \
         consent_on, note"
    };
}

fn person(row: &DbRow) -> Result<Person, StoreError> {
    let r = Reader::new(row, "person", "person_id")?;
    let basis = r.check(
        "legal_basis",
        DataBasis::new(r.code("legal_basis")?, r.opt_date("consent_on")?),
    )?;
    Ok(Person {
        id: PersonId::new(r.id()),
        data: PersonData {
            external_ref: r.opt_ref("external_ref")?,
            title: r.opt_name("title")?,
            given_name: r.name("given_name")?,
            family_name: r.name("family_name")?,
            email: r.opt_email("email")?,
            phone: r.opt_phone("phone")?,
            basis,
            note: r.opt_text("note")?,
        },
    })
}

pub(crate) async fn insert_person(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &PersonData,
    origin: Origin,
) -> Result<PersonId, StoreError> {
    if origin.checks_references() {
        check_shared_ref(conn, ORGANISATION_REF_TAKEN, data.external_ref.as_ref()).await?;
    }
    let id = insert_actor(conn, ActorKind::Person).await?;
    sqlx::query(
        "insert into person (person_id, external_ref, title, given_name, family_name, email, \
         phone, legal_basis, consent_on, note, sort_key, search_key) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id)
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.title.as_ref().map(Name::as_str))
    .bind(data.given_name.as_str())
    .bind(data.family_name.as_str())
    .bind(data.email.as_ref().map(Email::as_str))
    .bind(data.phone.as_ref().map(Phone::as_str))
    .bind(data.basis.basis().code())
    .bind(sql_date(data.basis.consent_on()))
    .bind(data.note.as_ref().map(Text::as_str))
    .bind(person_sort_key(
        data.given_name.as_str(),
        data.family_name.as_str(),
    ))
    .bind(person_search_key(
        data.title.as_ref().map(Name::as_str),
        data.given_name.as_str(),
        data.family_name.as_str(),
    ))
    .execute(&mut *conn)
    .await
    .map_err(|e| ref_violation(Field::Person, data.external_ref.as_ref()).map(e))?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Person,
            Some(id),
            &data.full_name(),
        )
        .await?;
    }
    Ok(PersonId::new(id))
}

pub(crate) async fn create_person(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &PersonData,
) -> Result<PersonId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_person(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a person together with their first membership, in one transaction: the
/// membership's person is the new one (whatever `membership.person_id` says).
pub(crate) async fn create_person_with_membership(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &PersonData,
    membership: &MembershipData,
) -> Result<(PersonId, MembershipId), StoreError> {
    let mut tx = begin(pool).await?;
    let person = insert_person(&mut tx, ctx, data, Origin::Change).await?;
    let membership = MembershipData {
        person_id: person,
        ..membership.clone()
    };
    let id = insert_membership(&mut tx, ctx, &membership, Origin::Change).await?;
    tx.commit().await?;
    Ok((person, id))
}

pub(crate) async fn update_person(
    pool: &Pool,
    ctx: &ChangeContext,
    id: PersonId,
    data: &PersonData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_shared_ref(&mut tx, ORGANISATION_REF_TAKEN, data.external_ref.as_ref()).await?;
    let result = sqlx::query(
        "update person set external_ref = $2, title = $3, given_name = $4, family_name = $5, \
         email = $6, phone = $7, legal_basis = $8, consent_on = $9, note = $10, \
         sort_key = $11, search_key = $12 where person_id = $1",
    )
    .bind(id.get())
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.title.as_ref().map(Name::as_str))
    .bind(data.given_name.as_str())
    .bind(data.family_name.as_str())
    .bind(data.email.as_ref().map(Email::as_str))
    .bind(data.phone.as_ref().map(Phone::as_str))
    .bind(data.basis.basis().code())
    .bind(sql_date(data.basis.consent_on()))
    .bind(data.note.as_ref().map(Text::as_str))
    .bind(person_sort_key(
        data.given_name.as_str(),
        data.family_name.as_str(),
    ))
    .bind(person_search_key(
        data.title.as_ref().map(Name::as_str),
        data.given_name.as_str(),
        data.family_name.as_str(),
    ))
    .execute(&mut *tx)
    .await
    .map_err(|e| ref_violation(Field::Person, data.external_ref.as_ref()).map(e))?;
    found(result.rows_affected(), EntityKind::Person, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Person,
        Some(id.get()),
        &data.full_name(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_person(pool: &Pool, id: PersonId) -> Result<Option<Person>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        person_columns!(),
        " from person where person_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(person).transpose()
}

pub(crate) async fn person_by_ref(
    pool: &Pool,
    external_ref: &ExternalRef,
) -> Result<Option<Person>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        person_columns!(),
        " from person where external_ref = $1"
    ))
    .bind(external_ref.as_str())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(person).transpose()
}

/// Persons, all or the current and former members of one organisation, by name.
pub(crate) async fn list_persons(
    pool: &Pool,
    organisation: Option<OrganisationId>,
) -> Result<Vec<Person>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        person_columns!(),
        " from person where $1 is null or person_id in \
           (select person_id from membership where organisation_id = $1) \
         order by person_id"
    ))
    .bind(organisation.map(OrganisationId::get))
    .fetch_all(pool)
    .await?;
    by_name(rows.iter().map(person).collect(), |p| {
        format!("{} {}", p.data.family_name, p.data.given_name)
    })
}

pub(crate) async fn delete_person(
    pool: &Pool,
    ctx: &ChangeContext,
    id: PersonId,
) -> Result<(), StoreError> {
    delete_actor(pool, ctx, ActorKind::Person, EntityKind::Person, id.get()).await
}

// ---------------------------------------------------------------- memberships

macro_rules! membership_columns {
    () => {
        "membership_id, person_id, organisation_id, function, since, until"
    };
}

fn membership(row: &DbRow) -> Result<Membership, StoreError> {
    let r = Reader::new(row, "membership", "membership_id")?;
    Ok(Membership {
        id: MembershipId::new(r.id()),
        data: MembershipData {
            person_id: PersonId::new(r.i64("person_id")?),
            organisation_id: OrganisationId::new(r.i64("organisation_id")?),
            function: r.opt_name("function")?,
            period: r.check(
                "period",
                Period::new(r.opt_date("since")?, r.opt_date("until")?),
            )?,
        },
    })
}

fn membership_violation(data: &MembershipData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        Violation {
            reference: Field::Organisation,
            unique: Field::Person,
            key: &data.organisation_id.to_string(),
        }
        .map(e)
    }
}

/// Checks the person of a membership, so that a failing reference left is the organisation.
async fn check_membership_person(conn: &mut Conn, data: &MembershipData) -> Result<(), StoreError> {
    let sql = "select 1 from person where person_id = $1";
    if exists(conn, sql, data.person_id.get()).await? {
        Ok(())
    } else {
        Err(unknown_reference(Field::Person, data.person_id))
    }
}

pub(crate) async fn insert_membership(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &MembershipData,
    origin: Origin,
) -> Result<MembershipId, StoreError> {
    if origin.checks_references() {
        check_membership_person(conn, data).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "insert into membership (person_id, organisation_id, function, since, until, search_key) \
         values ($1, $2, $3, $4, $5, $6) returning membership_id",
    )
    .bind(data.person_id.get())
    .bind(data.organisation_id.get())
    .bind(data.function.as_ref().map(Name::as_str))
    .bind(sql_date(data.period.since()))
    .bind(sql_date(data.period.until()))
    .bind(search_key(data.function.as_ref().map_or("", Name::as_str)))
    .fetch_one(&mut *conn)
    .await
    .map_err(membership_violation(data))?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Membership,
            Some(id),
            "",
        )
        .await?;
    }
    Ok(MembershipId::new(id))
}

pub(crate) async fn create_membership(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &MembershipData,
) -> Result<MembershipId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_membership(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_membership(
    pool: &Pool,
    ctx: &ChangeContext,
    id: MembershipId,
    data: &MembershipData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_membership_person(&mut tx, data).await?;
    let result = sqlx::query(
        "update membership set person_id = $2, organisation_id = $3, function = $4, since = $5, \
         until = $6, search_key = $7 where membership_id = $1",
    )
    .bind(id.get())
    .bind(data.person_id.get())
    .bind(data.organisation_id.get())
    .bind(data.function.as_ref().map(Name::as_str))
    .bind(sql_date(data.period.since()))
    .bind(sql_date(data.period.until()))
    .bind(search_key(data.function.as_ref().map_or("", Name::as_str)))
    .execute(&mut *tx)
    .await
    .map_err(membership_violation(data))?;
    found(result.rows_affected(), EntityKind::Membership, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Membership,
        Some(id.get()),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_membership(
    pool: &Pool,
    id: MembershipId,
) -> Result<Option<Membership>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        membership_columns!(),
        " from membership where membership_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(membership).transpose()
}

/// Memberships of a person or of an organisation (or all), oldest first; those without a
/// start date first (both backends alike: SQLite and PostgreSQL sort nulls differently).
pub(crate) async fn list_memberships(
    pool: &Pool,
    person: Option<PersonId>,
    organisation: Option<OrganisationId>,
) -> Result<Vec<Membership>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        membership_columns!(),
        " from membership where ($1 is null or person_id = $1) \
           and ($2 is null or organisation_id = $2) \
         order by case when since is null then 0 else 1 end, since, membership_id"
    ))
    .bind(person.map(PersonId::get))
    .bind(organisation.map(OrganisationId::get))
    .fetch_all(pool)
    .await?;
    rows.iter().map(membership).collect()
}

pub(crate) async fn delete_membership(
    pool: &Pool,
    ctx: &ChangeContext,
    id: MembershipId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from membership where membership_id = $1",
        EntityKind::Membership,
        id.get(),
        Field::Person,
    )
    .await
}

// ---------------------------------------------------------------- searches for the pages

/// The limit and offset of a page, for binding.
fn page_bounds(limit: u32, offset: u32) -> (i64, i64) {
    (i64::from(limit), i64::from(offset))
}

/// A page's total: `count(*)` of the query built by `conditions` on `from`.
async fn page_total(
    pool: &Pool,
    from: &'static str,
    conditions: impl FnOnce(&mut sqlx::QueryBuilder<super::Db>),
) -> Result<u64, StoreError> {
    let mut query = sqlx::QueryBuilder::<super::Db>::new("select count(*) from ");
    query.push(from);
    conditions(&mut query);
    let total: i64 = query.build_query_scalar().fetch_one(pool).await?;
    Ok(u64::try_from(total).unwrap_or_default())
}

/// The conditions of a person search, each ` and …`, on `person p`.
fn push_person_conditions(
    query: &mut sqlx::QueryBuilder<super::Db>,
    search: &PersonSearch,
    patterns: &[String],
) {
    query.push(" where 1 = 1");
    // Each term matches the person's names, the function of one of their memberships or the
    // name of an organisation they belong to, each through its trigram index. One `in` over a
    // union lets PostgreSQL join the few matches instead of testing every person.
    for pattern in patterns {
        query
            .push(" and p.person_id in (")
            .push(super::super::PERSON_KEYS_LIKE)
            .push_bind(pattern.clone())
            .push(" union select person_id from membership where membership_id in (")
            .push(super::super::MEMBERSHIP_KEYS_LIKE)
            .push_bind(pattern.clone())
            .push(") union select person_id from membership where organisation_id in (")
            .push(super::super::ORGANISATION_KEYS_LIKE)
            .push_bind(pattern.clone())
            .push("))");
    }
    if let Some(organisation) = search.organisation {
        query
            .push(" and p.person_id in (select person_id from membership where organisation_id = ")
            .push_bind(organisation.get())
            .push(")");
    }
    if let Some(municipality) = search.municipality {
        query
            .push(
                " and p.person_id in (select m.person_id from membership m \
                 join organisation o on o.organisation_id = m.organisation_id \
                 where o.municipality_id = ",
            )
            .push_bind(municipality.get())
            .push(")");
    }
    if let Some(district) = search.district {
        query.push(
            " and p.person_id in (select m.person_id from membership m \
             join organisation o on o.organisation_id = m.organisation_id where ",
        );
        push_home_in_district(query, district);
        query.push(")");
    }
}

/// `o` is at home in the district or in one of its municipalities.
fn push_home_in_district(query: &mut sqlx::QueryBuilder<super::Db>, district: DistrictId) {
    query
        .push("(o.district_id = ")
        .push_bind(district.get())
        .push(
            " or o.municipality_id in (select mu.municipality_id from municipality mu \
             join district di on di.ags = mu.district_ags where di.district_id = ",
        )
        .push_bind(district.get())
        .push("))");
}

/// Persons matching a search, a page at a time, by name.
pub(crate) async fn search_persons(
    pool: &Pool,
    search: &PersonSearch,
) -> Result<Page<Person>, StoreError> {
    let patterns = search
        .text
        .as_deref()
        .map(Terms::parse)
        .map(|terms| terms.like_patterns())
        .unwrap_or_default();
    let total = page_total(pool, "person p", |q| {
        push_person_conditions(q, search, &patterns);
    })
    .await?;
    let mut query = sqlx::QueryBuilder::<super::Db>::new(concat!(
        "select ",
        person_columns!(),
        " from person p"
    ));
    push_person_conditions(&mut query, search, &patterns);
    let (limit, offset) = page_bounds(search.limit, search.offset);
    query
        .push(" order by p.sort_key, p.person_id limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows = query.build().fetch_all(pool).await?;
    Ok(Page {
        items: rows.iter().map(person).collect::<Result<_, _>>()?,
        total,
    })
}

/// The conditions of an organisation search, each ` and …`, on `organisation o`.
fn push_organisation_conditions(
    query: &mut sqlx::QueryBuilder<super::Db>,
    search: &OrganisationSearch,
    patterns: &[String],
) {
    query.push(" where 1 = 1");
    for pattern in patterns {
        query
            .push(" and o.organisation_id in (")
            .push(super::super::ORGANISATION_KEYS_LIKE)
            .push_bind(pattern.clone())
            .push(")");
    }
    if let Some(kind) = search.kind {
        query.push(" and o.kind = ").push_bind(kind.code());
    }
    if let Some(pillar) = search.pillar {
        query
            .push(" and (o.pillar = ")
            .push_bind(pillar.code())
            .push(
                " or o.organisation_id in (select organisation_id from organisation_pillar \
                 where pillar = ",
            )
            .push_bind(pillar.code())
            .push("))");
    }
    if let Some(municipality) = search.municipality {
        query
            .push(" and o.municipality_id = ")
            .push_bind(municipality.get());
    }
    if let Some(district) = search.district {
        query.push(" and ");
        push_home_in_district(query, district);
    }
}

/// Organisations matching a search, a page at a time, by name.
pub(crate) async fn search_organisations(
    pool: &Pool,
    search: &OrganisationSearch,
) -> Result<Page<Organisation>, StoreError> {
    let patterns = search
        .text
        .as_deref()
        .map(Terms::parse)
        .map(|terms| terms.like_patterns())
        .unwrap_or_default();
    let total = page_total(pool, "organisation o", |q| {
        push_organisation_conditions(q, search, &patterns);
    })
    .await?;
    let mut query = sqlx::QueryBuilder::<super::Db>::new(concat!(
        "select ",
        organisation_columns!(),
        " from organisation o"
    ));
    push_organisation_conditions(&mut query, search, &patterns);
    let (limit, offset) = page_bounds(search.limit, search.offset);
    query
        .push(" order by o.sort_key, o.organisation_id limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows = query.build().fetch_all(pool).await?;
    let ids = row_ids(&rows, "organisation_id")?;
    let mut children = organisation_children(pool, Parents::Ids(&ids)).await?;
    Ok(Page {
        items: rows
            .iter()
            .map(|row| organisation(row, &mut children))
            .collect::<Result<_, _>>()?,
        total,
    })
}

/// Persons with a membership current on `on` in an organisation at home in the municipality,
/// by name, each with those memberships (oldest first).
pub(crate) async fn persons_of_municipality(
    pool: &Pool,
    municipality: MunicipalityId,
    on: Date,
) -> Result<Vec<(Person, Vec<Membership>)>, StoreError> {
    let on = sql_date(Some(on));
    let memberships = sqlx::query(
        "select m.membership_id, m.person_id, m.organisation_id, m.function, m.since, m.until \
         from membership m join organisation o on o.organisation_id = m.organisation_id \
         where o.municipality_id = $1 and (m.since is null or m.since <= $2) \
           and (m.until is null or m.until >= $2) \
         order by case when m.since is null then 0 else 1 end, m.since, m.membership_id",
    )
    .bind(municipality.get())
    .bind(on)
    .fetch_all(pool)
    .await?;
    let mut by_person: HashMap<i64, Vec<Membership>> = HashMap::new();
    for row in &memberships {
        let membership = membership(row)?;
        by_person
            .entry(membership.data.person_id.get())
            .or_default()
            .push(membership);
    }
    let ids: Vec<i64> = by_person.keys().copied().collect();
    let mut persons = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let mut query = sqlx::QueryBuilder::<super::Db>::new(concat!(
            "select ",
            person_columns!(),
            ", sort_key from person where person_id"
        ));
        push_id_list(&mut query, chunk);
        for row in query.build().fetch_all(pool).await? {
            let key: Option<String> =
                Reader::new(&row, "person", "person_id")?.opt_string("sort_key")?;
            persons.push((key.unwrap_or_default(), person(&row)?));
        }
    }
    persons.sort_by(|a, b| (&a.0, a.1.id.get()).cmp(&(&b.0, b.1.id.get())));
    Ok(persons
        .into_iter()
        .map(|(_, person)| {
            let memberships = by_person.remove(&person.id.get()).unwrap_or_default();
            (person, memberships)
        })
        .collect())
}
