//! The `claimdesk` binary: parses the command line and calls the library.

use anyhow::Context;
use claimdesk::command::{self, audit::Verification, extract::OutputFormat};
use claimdesk::config::{Settings, DEFAULT_DATABASE};
use claimdesk::domain::Role;
use claimdesk::report::Format;
use claimdesk::service::report::Publisher;
use claimdesk::startup::Application;
use claimdesk::storage::DatabaseUrl;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Newsroom fact-check workflow server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct DatabaseArg {
    /// SQLite path, sqlite://PATH or postgres://... (created and migrated if needed).
    #[arg(long, env = "CLAIMDESK_DATABASE_URL", default_value = DEFAULT_DATABASE)]
    database: String,
}

#[derive(Subcommand)]
enum Command {
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
    /// Check the audit trail.
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
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
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Walk the hash chain; exit 0 when intact, 1 naming the first broken event.
    Verify {
        /// Also check that this exported report's chain head is an event of the chain.
        #[arg(long)]
        report: Option<String>,
        #[command(flatten)]
        db: DatabaseArg,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimdesk: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    match command {
        Command::Serve { bind, db } => serve(bind, &db.database)?,
        Command::User {
            action:
                UserCommand::Add {
                    name,
                    role,
                    display_name,
                    password_stdin,
                    db,
                },
        } => {
            let role: Role = role.parse()?;
            let database = command::open_database(&db.database)?;
            let generated = command::user::add(
                &database,
                &name,
                role,
                display_name.as_deref(),
                password_stdin,
            )?;
            println!("created user {name} ({role})");
            if let Some(password) = generated {
                println!("password (shown once): {password}");
            }
        }
        Command::Extract {
            file,
            lang,
            format,
            per_line,
            date,
        } => {
            let options = claimdesk::extract::Options {
                lang: command::extract::lang_choice(&lang)?,
                reference_date: date,
            };
            let mut out = std::io::BufWriter::new(stdout.lock());
            command::extract::run(&file, options, format, per_line, &mut out)?;
        }
        Command::Sentences { file, lang, .. } => {
            let text = command::extract::read_text(&file)?;
            let lang = command::extract::lang_choice(&lang)?;
            let mut out = std::io::BufWriter::new(stdout.lock());
            command::extract::sentences(&text, lang, &mut out)?;
        }
        Command::Export {
            article_id,
            from,
            to,
            lang,
            format,
            db,
        } => {
            let format: Format = format.parse()?;
            let database = command::open_database(&db.database)?;
            let settings = Settings::new(
                String::new(),
                DatabaseUrl::parse(&db.database).map_err(anyhow::Error::msg)?,
            );
            let publisher = Publisher {
                newsroom_url: settings.newsroom_url,
                language: lang
                    .as_deref()
                    .map(|l| {
                        l.parse()
                            .map_err(|_| anyhow::anyhow!("unknown language {l:?}: use fr or en"))
                    })
                    .transpose()?,
                newsroom: settings.newsroom_name,
                base_url: settings
                    .public_url
                    .unwrap_or_else(|| "http://127.0.0.1:8080".into()),
            };
            let body = match (article_id, from, to) {
                (Some(id), _, _) => command::export::run(&database, &id, format, &publisher)?,
                (None, Some(from), Some(to)) => {
                    command::export::range(&database, &from, &to, format, &publisher)?
                }
                _ => anyhow::bail!("name an article id, or --from and --to"),
            };
            stdout.lock().write_all(&body)?;
        }
        Command::Import { paths, user, db } => {
            let database = command::open_database(&db.database)?;
            let name = user.trim().to_ascii_lowercase();
            let row = database
                .read(|conn| {
                    claimdesk::storage::user::find_by_username(conn, &name)
                        .map_err(claimdesk::storage::DatabaseError::from)
                })?
                .filter(|u| !u.disabled)
                .ok_or_else(|| {
                    anyhow::anyhow!("no active user named {user:?} (use --user NAME)")
                })?;
            let actor = claimdesk::service::Actor::from(&row);
            actor.require(Role::Editor, "load articles")?;
            let started = std::time::Instant::now();
            let summary = command::import::run(&database, &actor, &paths)?;
            println!(
                "imported {} articles ({} statements), {} already there, {} failed, in {:.1} s",
                summary.imported,
                summary.statements,
                summary.duplicates,
                summary.failed,
                started.elapsed().as_secs_f64()
            );
            if summary.failed > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Audit {
            action: AuditCommand::Verify { report, db },
        } => {
            let database = command::open_database(&db.database)?;
            let reported = match &report {
                Some(path) => {
                    let text = command::extract::read_text(path)?;
                    Some(command::audit::reported_head(&text).ok_or_else(|| {
                        anyhow::anyhow!(
                            "{path} names no audit chain head (is it a claimdesk report?)"
                        )
                    })?)
                }
                None => None,
            };
            match command::audit::verify(&database)? {
                Verification::Intact { events, head } => {
                    println!(
                        "audit trail intact: {events} events, head {}",
                        head.as_deref().unwrap_or("(empty)")
                    );
                    if let Some(reported) = reported {
                        match command::audit::check_report_head(&database, &reported)? {
                            Ok(seq) => {
                                println!("the report's chain head is event {seq} of this trail")
                            }
                            Err(reason) => {
                                eprintln!("report NOT verified: {reason}");
                                return Ok(ExitCode::from(1));
                            }
                        }
                    }
                }
                Verification::Broken { seq, reason } => {
                    eprintln!("audit trail BROKEN at event {seq}: {reason}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn serve(bind: String, database: &str) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,actix_web=info".into()),
        )
        .init();
    let url = DatabaseUrl::parse(database).map_err(anyhow::Error::msg)?;
    let settings = Settings::new(bind, url.clone());
    let app = Application::build(settings).with_context(|| format!("starting on {url:?}"))?;
    let port = app.port();
    if let Some(password) = app.first_admin_password() {
        println!("claimdesk: created the first account. Log in as user `admin` with the one-time password:");
        println!("    {password}");
        println!("(shown only now; create your own accounts under Users, then disable this one if you like)");
    }
    println!("claimdesk: serving on http://127.0.0.1:{port} (database {url:?})");
    std::io::stdout().flush()?;
    actix_web::rt::System::new().block_on(app.run_until_stopped())?;
    Ok(())
}
