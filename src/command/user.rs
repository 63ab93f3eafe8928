//! `claimdesk user add NAME --role ROLE [--password-stdin]`, `claimdesk user password NAME`.

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
    let (password, generated) = password_from(password_stdin)?;
    let password_checked = Password::parse(&password, &username)?;
    let display_name = display_name.unwrap_or_default().to_string();
    db.write(move |conn| {
        account::create_user(
            conn,
            &Actor::system("cli"),
            NewUser {
                username,
                display_name,
                role,
                password: password_checked,
            },
        )
    })?;
    Ok(generated.then_some(password))
}

/// The first line of standard input, or a random password (then `true`: print it once).
fn password_from(stdin: bool) -> anyhow::Result<(String, bool)> {
    if stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok((line.trim_end_matches(['\r', '\n']).to_string(), false))
    } else {
        Ok((account::random_hex(12)?, true))
    }
}

/// `claimdesk user password NAME [--password-stdin]`: sets the password, ends the user's
/// sessions, records the reset in the audit trail; prints a generated password once.
pub fn run_password(
    database: &str,
    name: &str,
    password_stdin: bool,
) -> anyhow::Result<std::process::ExitCode> {
    let username = Username::parse(name)?;
    let (password, generated) = password_from(password_stdin)?;
    let db = super::open_database(database)?;
    let (name, new_password) = (username.clone(), password.clone());
    db.write(move |conn| {
        account::reset_password_of(conn, &Actor::system("cli"), &name, &new_password)
    })?;
    println!(
        "password of {} set; their sessions ended",
        username.as_str()
    );
    if generated {
        println!("password (shown once): {password}");
    }
    Ok(std::process::ExitCode::SUCCESS)
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
