//! The commands. Each takes the resolved settings and prints its result in the chosen format.

mod analyze;
mod backup;
mod compare;
mod demo;
mod impact;
mod import;
mod init;
mod progress;
mod roundtable;
mod serve;
mod stats;

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::time::{Clock, SystemClock};
use praevnetz_store::{Open, Store};

use clap::ValueEnum as _;
use praevnetz_domain::i18n::Args;

use crate::cli::{Cli, Command, Export, Format};
use crate::messages;
use crate::report::UserError;
use crate::settings::Settings;

/// What every command needs.
pub struct Env {
    pub settings: Settings,
    pub format: Format,
    pub lang: Lang,
    pub clock: SystemClock,
}

impl Env {
    /// Opens the database (creating a missing SQLite file if `open` allows) and migrates it.
    pub async fn store(&self, open: Open) -> anyhow::Result<Store> {
        Ok(Store::open(&self.settings.database, open).await?)
    }

    /// The audit context of a change made by this command.
    pub fn change(&self) -> ChangeContext {
        ChangeContext::cli(self.clock.now())
    }
}

pub async fn run(cli: Cli, settings: Settings) -> anyhow::Result<()> {
    let offered = cli.command.formats();
    let format = cli.format.unwrap_or(offered[0]);
    if !offered.contains(&format) {
        let names: Vec<String> = offered
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_owned()))
            .collect();
        return Err(UserError {
            message: messages::text_with(
                settings.lang,
                "cli-format-not-here",
                &Args::new().text("formats", names.join(", ")),
            ),
        }
        .into());
    }
    let env = Env {
        lang: settings.lang,
        settings,
        format,
        clock: SystemClock,
    };
    match cli.command {
        Command::Init => init::run(&env).await,
        Command::Demo {
            force,
            synthetic,
            seed,
        } => demo::run(&env, force, synthetic, seed).await,
        Command::Import {
            kind,
            path,
            dry_run,
        } => import::run(&env, &kind, &path, dry_run).await,
        Command::Backup { file, force } => backup::backup(&env, &file, force).await,
        Command::Restore { file } => backup::restore(&env, &file).await,
        Command::Stats => stats::run(&env).await,
        Command::Analyze(request) => analyze::run(&env, &request).await,
        Command::Roundtable(request) => roundtable::run(&env, &request).await,
        Command::Export {
            what: Export::Network { network },
        } => analyze::export(&env, &network).await,
        Command::Serve { demo, .. } => serve::run(&env, demo).await,
    }
}

/// Writes a command's data to standard output. A reader that stops early (`| head`) ends the
/// output quietly instead of failing the command.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
