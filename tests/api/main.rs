//! Integration tests: the real server, a real database (SQLite by default; PostgreSQL when
//! `CLAIMDESK_TEST_DATABASE_URL` is set), spoken to over HTTP and through the binary.

mod encoder;
mod helpers;
mod hostile;
mod import;
mod language;
mod limits;
mod live;
mod matching;
mod openapi;
mod tokens;
mod webhook;

mod articles;
mod attacks;
mod audit;
mod auth;
mod cli;
mod durability;
mod pages;
mod process;
mod queries;
mod reports;
mod review;
