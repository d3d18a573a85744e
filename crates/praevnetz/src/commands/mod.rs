//! The commands. Each takes the resolved settings and prints its result in the chosen format.

mod analyze;
mod backup;
mod demo;
mod import;
mod init;
mod progress;
mod serve;
mod stats;

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::time::{Clock, SystemClock};
use praevnetz_store::{Open, Store};

use crate::cli::{Cli, Command, Format};
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
    let tabular = matches!(cli.command, Command::Stats | Command::Analyze { .. });
    if cli.format == Format::Csv && !tabular {
        return Err(UserError {
            message: messages::text(settings.lang, "cli-format-csv-not-here"),
        }
        .into());
    }
    let env = Env {
        lang: settings.lang,
        settings,
        format: cli.format,
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
        Command::Analyze {
            graph,
            directed,
            weight,
            metrics,
            seed,
        } => {
            let request = analyze::Request {
                graph,
                directed,
                weight,
                metrics,
                seed,
            };
            analyze::run(&env, &request).await
        }
        Command::Serve { demo, .. } => serve::run(&env, demo).await,
    }
}
