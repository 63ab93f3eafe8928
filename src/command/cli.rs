//! The command line: every subcommand and its arguments (clap).

use super::extract::OutputFormat;
use crate::config::DEFAULT_DATABASE;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Newsroom fact-check workflow server"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args)]
pub struct DatabaseArg {
    /// SQLite path, sqlite://PATH or postgres://... (created and migrated if needed).
    #[arg(long, env = "CLAIMDESK_DATABASE_URL", default_value = DEFAULT_DATABASE)]
    pub database: String,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the web server (migrations run at start).
    Serve {
        #[arg(long, env = "CLAIMDESK_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Print the statements of a document.
    Extract {
        file: String,
        #[arg(long, default_value = "auto")]
        lang: String,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: OutputFormat,
        /// Treat each line as its own document; rows carry "line": N (1-based).
        #[arg(long)]
        per_line: bool,
        /// The article's date (YYYY-MM-DD): "le 27 novembre", "dimanche" and "hier" are read
        /// against it. Default: the date in the text's dateline, if any.
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
    },
    /// Print the sentence segmentation the extractor uses, as JSON Lines.
    Sentences {
        file: String,
        #[arg(long, default_value = "auto")]
        lang: String,
        #[arg(long, default_value = "jsonl", value_parser = ["jsonl"])]
        format: String,
    },
    /// Print the fact-check report of an article, or (csv, json) of every article loaded
    /// from --from to --to.
    Export {
        #[arg(required_unless_present = "from")]
        article_id: Option<String>,
        /// First day (YYYY-MM-DD) of a range export.
        #[arg(long, requires = "to", conflicts_with = "article_id")]
        from: Option<String>,
        /// Last day (inclusive) of a range export.
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// Report language: fr or en (default: each article's).
        #[arg(long)]
        lang: Option<String>,
        #[arg(long, default_value = "html")]
        format: String,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Load articles in bulk: .txt, .md, .html files, folders of them, JSON Lines of
    /// {title, body, url?, outlet?, published_at?, language?}, RSS/Atom feed files.
    Import {
        #[arg(required = true)]
        paths: Vec<String>,
        /// The editor the articles are loaded as.
        #[arg(long, default_value = "admin")]
        user: String,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Copy a whole newsroom (users, articles, statements, verdicts, sources, comments, facts,
    /// the audit trail with its key) into a fresh database, e.g. from SQLite to PostgreSQL,
    /// then verify the audit trail there.
    MigrateData {
        /// The database to copy: SQLite path, sqlite://PATH or postgres://...
        #[arg(long)]
        from: String,
        /// The fresh database to fill (created and migrated if needed; refused unless empty).
        #[arg(long)]
        to: String,
    },
    /// Check the audit trail.
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a user; prints a generated password once unless --password-stdin is given.
    Add {
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Set a user's password (the policy applies) and end their sessions: how an admin who lost
    /// theirs gets back in. Prints a generated password once unless --password-stdin is given.
    Password {
        name: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        db: DatabaseArg,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain; exit 0 when intact, 1 naming the first broken event.
    Verify {
        /// Also check that this exported report's chain head is an event of the chain.
        #[arg(long)]
        report: Option<String>,
        /// A signed checkpoint (a report, or a line of the checkpoint log): its signature must
        /// be genuine and its event still in the trail, so nothing after it was removed.
        #[arg(long)]
        checkpoint: Option<String>,
        #[command(flatten)]
        db: DatabaseArg,
    },
}
