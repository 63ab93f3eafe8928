//! `claimdesk extract FILE` and `claimdesk sentences FILE`: the extractor on a file, as JSON
//! Lines (the statement contract of DESIGN.md) or as text.

use crate::extract::{self, LangChoice, Options};
use anyhow::Context;
use std::io::Write;

/// Reads a file as UTF-8, with a clear error naming the first bad byte.
pub fn read_text(path: &str) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {path}"))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{path} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Parses `--lang`.
pub fn lang_choice(raw: &str) -> anyhow::Result<LangChoice> {
    match raw {
        "auto" => Ok(LangChoice::Auto),
        other => other
            .parse()
            .map(LangChoice::Fixed)
            .map_err(|_| anyhow::anyhow!("unknown language {other:?}: use fr, en or auto")),
    }
}

/// Output format of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Jsonl,
    Text,
}

/// Writes the statements of `text` (or of each of its lines, with `per_line`).
pub fn run(
    text: &str,
    lang: LangChoice,
    format: OutputFormat,
    per_line: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let reference_date = extract::reference_date_from_dateline(text);
    let options = Options {
        lang,
        reference_date,
    };
    if per_line {
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            for s in extract::extract(line, &options) {
                write_statement(&s, Some(i + 1), format, out)?;
            }
        }
    } else {
        for s in extract::extract(text, &options) {
            write_statement(&s, None, format, out)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn write_statement(
    s: &extract::Statement,
    line: Option<usize>,
    format: OutputFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match format {
        OutputFormat::Jsonl => {
            let mut value = serde_json::to_value(s)?;
            if let (Some(n), Some(obj)) = (line, value.as_object_mut()) {
                obj.insert("line".into(), n.into());
            }
            writeln!(out, "{value}")?;
        }
        OutputFormat::Text => {
            let prefix = line.map(|n| format!("{n}:")).unwrap_or_default();
            let gloss = s
                .gloss_en
                .as_deref()
                .map(|g| format!(" ({g})"))
                .unwrap_or_default();
            writeln!(
                out,
                "{prefix}{}-{}\t{}\t{:.2}\t{}{gloss}",
                s.start,
                s.end,
                s.kind.as_str(),
                s.score,
                s.text
            )?;
        }
    }
    Ok(())
}

/// Writes the sentence segmentation of `text` as JSON Lines.
pub fn sentences(text: &str, lang: LangChoice, out: &mut impl Write) -> anyhow::Result<()> {
    let lang = match lang {
        LangChoice::Fixed(l) => l,
        LangChoice::Auto => extract::detect_language(text),
    };
    for s in extract::sentences(text, lang) {
        writeln!(out, "{}", serde_json::to_string(&s)?)?;
    }
    out.flush()?;
    Ok(())
}
