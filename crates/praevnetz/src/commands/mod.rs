//! The commands. Each takes the resolved settings and prints its result in the chosen format.

mod init;
mod serve;
mod stats;

use praevnetz_domain::i18n::Lang;
use praevnetz_store::{Open, Store};

use crate::cli::{Cli, Command, Format};
use crate::settings::Settings;

/// What every command needs.
pub struct Env {
    pub settings: Settings,
    pub format: Format,
    pub lang: Lang,
}

impl Env {
    /// Opens the database (creating a missing SQLite file if `open` allows) and migrates it.
    pub async fn store(&self, open: Open) -> anyhow::Result<Store> {
        Ok(Store::open(&self.settings.database, open).await?)
    }
}

pub async fn run(cli: Cli, settings: Settings) -> anyhow::Result<()> {
    let env = Env {
        lang: settings.lang,
        settings,
        format: cli.format,
    };
    match cli.command {
        Command::Init => init::run(&env).await,
        Command::Stats => stats::run(&env).await,
        Command::Serve { .. } => serve::run(&env).await,
    }
}
