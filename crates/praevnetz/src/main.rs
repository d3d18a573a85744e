//! `praevnetz`: the command-line program. Parses arguments, sets up logging, runs the command,
//! and reports an error once, with its causes, in the user's language.

mod cli;
mod commands;
mod messages;
mod report;
mod settings;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let settings = match settings::Settings::resolve(&cli) {
        Ok(settings) => settings,
        Err(error) => {
            return report::failure(&error, settings::language(cli.lang.as_deref(), None));
        }
    };
    let lang = settings.lang;
    settings::init_logging(&cli.command, settings.log.as_deref());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return report::failure(&anyhow::Error::new(error), lang),
    };
    match runtime.block_on(commands::run(cli, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report::failure(&error, lang),
    }
}
