//! Criterion benchmark of the round-table recommender on the Saxony-scale synthetic network
//! (`praevnetz demo --synthetic 25000 --seed 1`: about 25,000 persons over Saxony's 418
//! municipalities), read from a SQLite database as the command and the web read it. Issue #5
//! asks for under 200 ms per recommendation.
//!
//!     cargo bench -p praevnetz-store --bench roundtable
//!
//! Setting up (generating and importing the network) takes a minute or two and is not timed.
//! Timed are `recommend` (one proposal, on the day's network prepared once, as the web keeps
//! it) for a city, a district town and a small municipality, and `prepare` (building the
//! day's network with `PageRank` and constraint, and everyone's load), which the command line
//! does once per call and the web once per day and change of data.

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use jiff::civil::date;
use praevnetz_domain::actor::{Membership, Organisation, Person};
use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::body::BodyMember;
use praevnetz_domain::demo::synthetic_batch;
use praevnetz_domain::meeting::{ActionItem, Meeting, Participation};
use praevnetz_domain::network::stored::Records;
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::roundtable::{Request, RoleTemplate, TableNetwork, loads, recommend};
use praevnetz_domain::synthetic::SyntheticSpec;
use praevnetz_domain::territory::{District, Municipality};
use praevnetz_domain::tie::Tie;
use praevnetz_store::{
    ActionItemFilter, DatabaseUrl, ImportOptions, MeetingFilter, NoProgress, Open, Store,
};

/// Everything the recommender reads.
struct Loaded {
    districts: Vec<District>,
    municipalities: Vec<Municipality>,
    organisations: Vec<Organisation>,
    persons: Vec<Person>,
    memberships: Vec<Membership>,
    ties: Vec<Tie>,
    seats: Vec<BodyMember>,
    actions: Vec<ActionItem>,
    meetings: Vec<Meeting>,
    participations: Vec<Participation>,
    templates: Vec<RoleTemplate>,
}

impl Loaded {
    fn records(&self) -> Records<'_> {
        Records {
            districts: &self.districts,
            municipalities: &self.municipalities,
            organisations: &self.organisations,
            persons: &self.persons,
            memberships: &self.memberships,
            ties: &self.ties,
        }
    }
}

async fn load(dir: &std::path::Path) -> Result<Loaded, Box<dyn std::error::Error>> {
    let url = DatabaseUrl::parse(&format!("sqlite://{}", dir.join("bench.db").display()))?;
    let store = Store::open(&url, Open::CreateIfMissing).await?;
    let batch = synthetic_batch(SyntheticSpec {
        persons: 25_000,
        seed: 1,
    })
    .map_err(|e| format!("{e:?}"))?;
    let options = ImportOptions {
        dry_run: false,
        replace: false,
        require_empty: true,
    };
    let ctx = ChangeContext::cli(jiff::Timestamp::now());
    store.import(&ctx, &batch, &NoProgress, &options).await?;
    let loaded = Loaded {
        districts: store.districts().await?,
        municipalities: store.municipalities(None).await?,
        organisations: store.organisations(None).await?,
        persons: store.persons(None).await?,
        memberships: store.memberships(None, None).await?,
        ties: store.ties(None, None).await?,
        seats: store.body_members(None, None).await?,
        actions: store.action_items(&ActionItemFilter::default()).await?,
        meetings: store.meetings(&MeetingFilter::default()).await?,
        participations: store.participations(None, None).await?,
        templates: store.round_table_templates().await?,
    };
    store.close().await;
    Ok(loaded)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let data = runtime.block_on(load(dir.path()))?;
    let day = date(2026, 1, 1);
    let records = data.records();
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("roundtable");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("prepare", |b| {
        b.iter(|| {
            let net = TableNetwork::new(black_box(records), day);
            let busy = loads(
                &data.seats,
                &data.actions,
                &data.meetings,
                &data.participations,
                day,
            );
            (net, busy)
        });
    });
    let net = TableNetwork::new(records, day);
    let busy = loads(
        &data.seats,
        &data.actions,
        &data.meetings,
        &data.participations,
        day,
    );
    let drugs = CategoryCode::parse("DRG").map_err(|e| e.to_string())?;
    let template = data
        .templates
        .iter()
        .find(|t| t.category == drugs)
        .ok_or("no template for DRG")?
        .clone();
    // Chemnitz (city), Flöha (district town), Leubsdorf (small municipality near Flöha).
    for (name, ags) in [
        ("chemnitz", "14511000"),
        ("floeha", "14522140"),
        ("leubsdorf", "14522320"),
    ] {
        let municipality = data
            .municipalities
            .iter()
            .find(|m| m.data.ags.as_str() == ags)
            .ok_or("municipality missing")?;
        let request = Request {
            municipality: municipality.id,
            template: template.clone(),
            seats: 8,
            include: Vec::new(),
            exclude: Vec::new(),
            responsible: Vec::new(),
            eligible: None,
        };
        let first = recommend(records, &net, &busy, &request)?;
        println!(
            "{name}: pool {}, seats {}, roles {}/{}, connectivity {:.2}",
            first.objective.pool,
            first.seats.len(),
            first.objective.roles_covered,
            first.objective.roles_needed,
            first.objective.connectivity
        );
        group.bench_function(format!("recommend/{name}"), |b| {
            b.iter(|| recommend(black_box(records), &net, &busy, black_box(&request)));
        });
    }
    group.finish();
    criterion.final_summary();
    Ok(())
}
