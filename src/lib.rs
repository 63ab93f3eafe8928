//! claimdesk: a newsroom fact-check workflow server.
//!
//! Data flows from article text through [`extract`] (pure) into [`storage`], is reviewed through
//! [`web`], and leaves as a [`report`]; every write appends to the audit trail in the same
//! transaction ([`service`]).

pub mod command;
pub mod config;
pub mod domain;
pub mod encoder;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod ingest;
pub mod matching;
pub mod report;
pub mod service;
pub mod startup;
pub mod storage;
pub mod template;
pub mod view;
pub mod web;
pub mod webhook;
