//! The command line: [`cli`] declares it, [`run`] dispatches each subcommand to its module.
//! Subcommands use `anyhow` for errors, which [`main`] prints as one clear line before exiting
//! non-zero (2; 1 is kept for "ran, but found a problem").

pub mod audit;
pub mod cli;
pub mod export;
pub mod extract;
pub mod import;
pub mod migrate;
pub mod serve;
pub mod user;

use crate::storage::{Database, DatabaseUrl};
use cli::{AuditCommand, Command, UserCommand};
use std::process::ExitCode;

/// Opens the database named on the command line (created if missing, migrations applied).
pub fn open_database(raw: &str) -> anyhow::Result<Database> {
    let url = DatabaseUrl::parse(raw).map_err(anyhow::Error::msg)?;
    Ok(Database::open(&url)?)
}

/// Runs a parsed command line and returns the process's exit status.
pub fn main(cli: cli::Cli) -> ExitCode {
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimdesk: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve { bind, db } => serve::run(bind, &db.database),
        Command::MigrateData { from, to } => migrate::run(&from, &to),
        Command::User {
            action:
                UserCommand::Add {
                    name,
                    role,
                    display_name,
                    password_stdin,
                    db,
                },
        } => user::run_add(&db.database, &name, &role, display_name, password_stdin),
        Command::User {
            action:
                UserCommand::Password {
                    name,
                    password_stdin,
                    db,
                },
        } => user::run_password(&db.database, &name, password_stdin),
        Command::Extract {
            file,
            lang,
            format,
            per_line,
            date,
        } => extract::run_command(&file, &lang, format, per_line, date),
        Command::Sentences { file, lang, .. } => extract::run_sentences(&file, &lang),
        Command::Export {
            article_id,
            from,
            to,
            lang,
            format,
            db,
        } => export::run_command(&db.database, article_id, from, to, lang, &format),
        Command::Import { paths, user, db } => import::run_command(&db.database, &paths, &user),
        Command::Audit {
            action:
                AuditCommand::Verify {
                    report,
                    checkpoint,
                    db,
                },
        } => audit::run_verify(&db.database, report.as_deref(), checkpoint.as_deref()),
    }
}
