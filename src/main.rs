//! The `claimdesk` binary: parses the command line and hands it to the library.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    claimdesk::command::main(claimdesk::command::cli::Cli::parse())
}
