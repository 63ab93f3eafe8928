//! `claimdesk user add NAME --role ROLE [--password-stdin]`.

use crate::domain::{Password, Role, Username};
use crate::service::account::{self, NewUser};
use crate::service::Actor;
use crate::storage::Database;
use std::io::BufRead;

/// Creates a user. With `password_stdin` the password is the first line of standard input;
/// otherwise a random one is made and returned so it can be printed once.
pub fn add(
    db: &Database,
    name: &str,
    role: Role,
    display_name: Option<&str>,
    password_stdin: bool,
) -> anyhow::Result<Option<String>> {
    let username = Username::parse(name)?;
    let (password, generated) = if password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        (line.trim_end_matches(['\r', '\n']).to_string(), false)
    } else {
        (account::random_hex(12)?, true)
    };
    let password_checked = Password::parse(&password, &username)?;
    db.write(|conn| {
        account::create_user(
            conn,
            &Actor::system("cli"),
            NewUser {
                username,
                display_name: display_name.unwrap_or_default().to_string(),
                role,
                password: password_checked,
            },
        )
    })?;
    Ok(generated.then_some(password))
}

/// `claimdesk user add NAME --role ROLE [--display-name] [--password-stdin]`: prints the
/// generated password once.
pub fn run_add(
    database: &str,
    name: &str,
    role: &str,
    display_name: Option<String>,
    password_stdin: bool,
) -> anyhow::Result<std::process::ExitCode> {
    let role: Role = role.parse()?;
    let db = super::open_database(database)?;
    let generated = add(&db, name, role, display_name.as_deref(), password_stdin)?;
    println!("created user {name} ({role})");
    if let Some(password) = generated {
        println!("password (shown once): {password}");
    }
    Ok(std::process::ExitCode::SUCCESS)
}
