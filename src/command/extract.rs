//! `claimdesk extract FILE` and `claimdesk sentences FILE`: the extractor on a file, as JSON
//! Lines (the statement contract of DESIGN.md) or as text.

use crate::extract::{self, Extractor, LangChoice, Options};
use anyhow::Context;
use std::io::{BufRead, BufReader, Write};

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

/// Writes the statements of the file at `path` (or of each of its lines, with `per_line`),
/// reading incomplete and relative dates against `reference_date` (else the file's dateline).
///
/// A whole document is read in paragraph-aligned chunks of about 1 MB, so memory stays flat
/// whatever the file's size; offsets are offsets into the whole file.
pub fn run(
    path: &str,
    options: Options,
    format: OutputFormat,
    per_line: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if per_line {
        let text = read_text(path)?;
        let mut skipped: Vec<(usize, extract::Unsupported)> = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let mut extractor = Extractor::new(line, &options);
            if let Some(other) = extractor.unsupported() {
                skipped.push((i + 1, other));
                continue;
            }
            let lang = extractor.lang();
            let mut failure = None;
            extractor.feed(line, 0, |s| {
                if failure.is_none() {
                    failure = write_statement(&s, Some(i + 1), lang, format, out).err();
                }
            });
            if let Some(e) = failure {
                return Err(e);
            }
        }
        if let Some((first, other)) = skipped.first() {
            eprintln!(
                "claimdesk: {} line(s) are in a language the extractor does not read ({} {}, \
                 first at line {first}): no statements for them; use --lang fr|en to force one",
                skipped.len(),
                other.name,
                other.code
            );
        }
    } else {
        let mut failure = None;
        let mut unsupported = None;
        for_each_chunk(path, |text, offset, extractor| {
            let extractor = extractor.get_or_insert_with(|| Extractor::new(text, &options));
            unsupported = extractor.unsupported();
            let lang = extractor.lang();
            extractor.feed(text, offset, |s| {
                if failure.is_none() {
                    failure = write_statement(&s, None, lang, format, out).err();
                }
            });
        })?;
        if let Some(e) = failure {
            return Err(e);
        }
        if let Some(other) = unsupported {
            eprintln!(
                "claimdesk: {path} is in {} ({}), which the extractor does not read: no \
                 statements; use --lang fr|en to force one",
                other.name, other.code
            );
        }
    }
    out.flush()?;
    Ok(())
}

/// Largest chunk read at once (it grows past this only to reach the end of a paragraph).
const CHUNK_BYTES: usize = 1 << 20;

/// Calls `each(chunk, offset, extractor)` on successive paragraph-aligned chunks of a UTF-8 file;
/// invalid UTF-8 is an error naming its byte offset.
fn for_each_chunk(
    path: &str,
    mut each: impl FnMut(&str, usize, &mut Option<Extractor>),
) -> anyhow::Result<()> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {path}"))?;
    let mut reader = BufReader::new(file);
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK_BYTES + 4096);
    let mut line = Vec::new();
    let mut offset = 0usize;
    let mut extractor = None;
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read {path}"))?;
        let blank = line.iter().all(u8::is_ascii_whitespace);
        buf.extend_from_slice(&line);
        if n > 0 && !(blank && buf.len() >= CHUNK_BYTES) {
            continue;
        }
        let text = std::str::from_utf8(&buf).map_err(|e| {
            anyhow::anyhow!(
                "{path} is not UTF-8 text (invalid byte at offset {})",
                offset + e.valid_up_to()
            )
        })?;
        if !text.is_empty() {
            each(text, offset, &mut extractor);
        }
        offset += buf.len();
        buf.clear();
        if n == 0 {
            return Ok(());
        }
    }
}

/// One statement: a JSON line (with `lang`, the language it was read in, and `line` with
/// `--per-line`), or a text line.
fn write_statement(
    s: &extract::Statement,
    line: Option<usize>,
    lang: extract::Lang,
    format: OutputFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match format {
        OutputFormat::Jsonl => {
            let mut value = serde_json::to_value(s)?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("lang".into(), lang.as_str().into());
                if let Some(n) = line {
                    obj.insert("line".into(), n.into());
                }
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

/// `claimdesk extract FILE [--lang] [--format] [--per-line] [--date]`.
pub fn run_command(
    file: &str,
    lang: &str,
    format: OutputFormat,
    per_line: bool,
    date: Option<chrono::NaiveDate>,
) -> anyhow::Result<std::process::ExitCode> {
    let options = Options {
        lang: lang_choice(lang)?,
        reference_date: date,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    run(file, options, format, per_line, &mut out)?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// `claimdesk sentences FILE [--lang]`.
pub fn run_sentences(file: &str, lang: &str) -> anyhow::Result<std::process::ExitCode> {
    let text = read_text(file)?;
    let lang = lang_choice(lang)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    sentences(&text, lang, &mut out)?;
    Ok(std::process::ExitCode::SUCCESS)
}
