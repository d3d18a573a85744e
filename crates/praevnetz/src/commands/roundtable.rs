//! `praevnetz roundtable`: who should sit at a round table on a municipality's problem.

use std::fmt::Write as _;

use praevnetz_domain::i18n::{Args, Lang, Localize};
use praevnetz_domain::ids::{PersonId, ProblemId};
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::roundtable::{
    Gap, Recommendation, Request, RoundTableError, TableNetwork, loads, recommend,
};
use praevnetz_domain::time::{Clock as _, parse_date};
use praevnetz_store::{ActionItemFilter, MeetingFilter, Open, Store};
use serde_json::{Value, json};

use super::analyze::Loaded;
use super::{Env, emit};
use crate::cli::{Format, RoundTableArgs};
use crate::messages;
use crate::report::UserError;

fn user_error(message: String) -> anyhow::Error {
    anyhow::Error::new(UserError { message })
}

/// The municipality, category and responsible actors the arguments name.
async fn subject(
    env: &Env,
    store: &Store,
    loaded: &Loaded,
    args: &RoundTableArgs,
) -> anyhow::Result<Request> {
    let lang = env.lang;
    let (municipality, category, responsible) = if let Some(id) = args.problem {
        let problem = store.problem(ProblemId::new(id)).await?.ok_or_else(|| {
            user_error(messages::text_with(
                lang,
                "cli-table-unknown-problem",
                &Args::new().text("id", id.to_string()),
            ))
        })?;
        (
            problem.data.municipality_id,
            problem.data.category,
            problem.data.responsible,
        )
    } else {
        let wanted = args.municipality.clone().unwrap_or_default();
        let municipality = loaded
            .municipalities
            .iter()
            .find(|m| m.data.ags.as_str() == wanted.trim())
            .ok_or_else(|| {
                user_error(messages::text_with(
                    lang,
                    "cli-table-unknown-municipality",
                    &Args::new().text("ags", wanted.clone()),
                ))
            })?;
        let code = args.category.clone().unwrap_or_default();
        let categories = store.problem_categories().await?;
        let known = CategoryCode::parse(&code)
            .ok()
            .filter(|c| categories.iter().any(|k| k.code == *c));
        let category = known.ok_or_else(|| {
            let codes: Vec<&str> = categories.iter().map(|c| c.code.as_str()).collect();
            user_error(messages::text_with(
                lang,
                "cli-table-unknown-category",
                &Args::new()
                    .text("code", code.clone())
                    .text("known", codes.join(", ")),
            ))
        })?;
        (municipality.id, category, Vec::new())
    };
    let template = store
        .round_table_template(&category)
        .await?
        .ok_or_else(|| {
            user_error(
                RoundTableError::NoTemplate {
                    category: category.to_string(),
                }
                .localize(lang),
            )
        })?;
    Ok(Request {
        municipality,
        template,
        seats: args.seats,
        include: args.include.iter().copied().map(PersonId::new).collect(),
        exclude: args.exclude.iter().copied().map(PersonId::new).collect(),
        responsible,
        eligible: None,
    })
}

pub async fn run(env: &Env, args: &RoundTableArgs) -> anyhow::Result<()> {
    let at = match &args.at {
        Some(text) => parse_date(text).map_err(|_| {
            user_error(messages::text_with(
                env.lang,
                "cli-analyze-bad-date",
                &Args::new().text("date", text.clone()),
            ))
        })?,
        None => env.clock.today(),
    };
    let store = env.store(Open::MustExist).await?;
    let loaded = Loaded::read(&store).await?;
    let request = subject(env, &store, &loaded, args).await?;
    let busy = loads(
        &store.body_members(None, None).await?,
        &store.action_items(&ActionItemFilter::default()).await?,
        &store.meetings(&MeetingFilter::default()).await?,
        &store.participations(None, None).await?,
        at,
    );
    store.close().await;
    let records = loaded.records();
    let net = TableNetwork::new(records, at);
    let recommendation =
        recommend(records, &net, &busy, &request).map_err(|e| user_error(e.localize(env.lang)))?;
    let place = loaded
        .municipalities
        .iter()
        .find(|m| m.id == request.municipality)
        .map(|m| m.data.display_name().to_owned())
        .unwrap_or_default();
    let heading = Heading {
        municipality: &place,
        category: request.template.category.as_str(),
    };
    match env.format {
        Format::Json => emit(&format!(
            "{}\n",
            serde_json::to_string_pretty(&json_of(&recommendation, &heading, env.lang))?
        )),
        _ => emit(&text_of(&recommendation, &heading, env.lang)),
    }
}

struct Heading<'a> {
    municipality: &'a str,
    category: &'a str,
}

/// The recommendation as JSON, each reason and gap with its text in the chosen language.
fn json_of(r: &Recommendation, heading: &Heading<'_>, lang: Lang) -> Value {
    let mut value = json!({
        "municipality": heading.municipality,
        "category": heading.category,
    });
    let Ok(Value::Object(body)) = serde_json::to_value(r) else {
        return value;
    };
    if let Value::Object(out) = &mut value {
        out.extend(body);
    }
    if let Some(Value::Array(seats)) = value.get_mut("seats") {
        for (seat, source) in seats.iter_mut().zip(&r.seats) {
            if let Some(Value::Array(reasons)) = seat.get_mut("reasons") {
                for (reason, text) in reasons.iter_mut().zip(&source.reasons) {
                    if let Value::Object(fields) = reason {
                        fields.insert("text".to_owned(), Value::from(text.localize(lang)));
                    }
                }
            }
        }
    }
    if let Some(Value::Array(gaps)) = value.get_mut("uncovered_roles") {
        for (gap, source) in gaps.iter_mut().zip(&r.uncovered_roles) {
            if let Value::Object(fields) = gap {
                fields.insert("label".to_owned(), Value::from(source.role.label(lang)));
            }
        }
    }
    value
}

/// The recommendation for people.
fn text_of(r: &Recommendation, heading: &Heading<'_>, lang: Lang) -> String {
    let t = |id: &str, args: Args<'_>| messages::text_with(lang, id, &args);
    let mut out = t(
        "cli-table-heading",
        Args::new()
            .text("category", heading.category.to_owned())
            .text("municipality", heading.municipality.to_owned())
            .number("seats", r.seats.len() as f64),
    );
    out.push_str("\n\n");
    for (i, seat) in r.seats.iter().enumerate() {
        let s = &seat.sitter;
        let _ = writeln!(
            out,
            "{}. {} (#{}) – {}{}",
            i + 1,
            s.name,
            s.person_id,
            s.organisation.as_deref().unwrap_or("–"),
            s.pillar
                .map(|p| format!(" · {}", p.label(lang)))
                .unwrap_or_default()
        );
        let reasons: Vec<String> = seat.reasons.iter().map(|x| x.localize(lang)).collect();
        let _ = writeln!(out, "   {}", reasons.join("; "));
        if !seat.alternatives.is_empty() {
            let names: Vec<String> = seat
                .alternatives
                .iter()
                .map(|a| {
                    format!(
                        "{} (#{}, {})",
                        a.sitter.name,
                        a.sitter.person_id,
                        a.sitter.organisation.as_deref().unwrap_or("–")
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "   {}",
                t(
                    "cli-table-alternatives",
                    Args::new().text("names", names.join(", "))
                )
            );
        }
    }
    out.push('\n');
    for gap in &r.uncovered_roles {
        let id = match gap.gap {
            Gap::NoneInNetwork => "cli-table-gap-none",
            Gap::NoSeatLeft => "cli-table-gap-seat",
        };
        let _ = writeln!(
            out,
            "{}",
            t(id, Args::new().text("role", gap.role.label(lang)))
        );
    }
    let _ = writeln!(out, "{}", r.objective.localize(lang));
    out
}
