//! `praevnetz stats`: the count of every kind of record.

use praevnetz_domain::audit::EntityKind;
use praevnetz_domain::i18n::Args;
use praevnetz_store::{Counts, Open};

use super::Env;
use crate::cli::Format;
use crate::messages;

pub async fn run(env: &Env) -> anyhow::Result<()> {
    let store = env.store(Open::MustExist).await?;
    let counts = store.counts().await?;
    store.close().await;
    match env.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&counts)?),
        Format::Csv => {
            println!("kind,count");
            for (kind, count) in rows(&counts) {
                println!("{},{count}", kind.code());
            }
        }
        Format::Text | Format::Graphml | Format::Gexf => {
            println!(
                "{}",
                messages::text_with(
                    env.lang,
                    "cli-stats-title",
                    &Args::new().text("url", store.url().to_string())
                )
            );
            let rows = rows(&counts);
            let width = rows
                .iter()
                .map(|(kind, _)| kind.label(env.lang).chars().count())
                .max()
                .unwrap_or(0);
            for (kind, count) in rows {
                let label = kind.label(env.lang);
                let pad = width - label.chars().count();
                println!("  {label}{} {count:>8}", " ".repeat(pad));
            }
        }
    }
    Ok(())
}

fn rows(c: &Counts) -> Vec<(EntityKind, i64)> {
    use EntityKind as K;
    vec![
        (K::District, c.districts),
        (K::Municipality, c.municipalities),
        (K::Region, c.regions),
        (K::Milestone, c.milestones),
        (K::Organisation, c.organisations),
        (K::Person, c.persons),
        (K::Membership, c.memberships),
        (K::Body, c.bodies),
        (K::BodyMember, c.body_members),
        (K::Tie, c.ties),
        (K::ProblemCategory, c.problem_categories),
        (K::Problem, c.problems),
        (K::Practice, c.practices),
        (K::MeetingSeries, c.meeting_series),
        (K::Meeting, c.meetings),
        (K::Participation, c.participations),
        (K::AgendaItem, c.agenda_items),
        (K::Decision, c.decisions),
        (K::ActionItem, c.action_items),
        (K::Topic, c.topics),
        (K::User, c.users),
    ]
}
