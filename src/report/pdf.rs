//! The PDF report, made in Rust with the 14 standard PDF fonts (`pdf-canvas`, which carries
//! their metrics): A4 pages, text wrapped at word boundaries, a footer with page numbers. No
//! browser and no font file is needed. Characters outside the Windows-1252 set of those fonts
//! (emoji, most non-Latin scripts) cannot be drawn by them and are left out.

use super::ReportError;
use super::ReportView;
use crate::domain::Verdict;
use pdf_canvas::graphicsstate::Color;
use pdf_canvas::{BuiltinFont, FontSource, Pdf};
use std::io::{Read, Seek, SeekFrom};

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const FOOTER: f32 = 30.0;

/// One line of text, placed on a page by [`paginate`].
#[derive(Debug, Clone)]
struct Line {
    font: BuiltinFont,
    size: f32,
    text: String,
    indent: f32,
    space_before: f32,
    color: (u8, u8, u8),
    /// Headings: never the last line of a page.
    keep_with_next: bool,
}

/// Builds wrapped lines from paragraphs.
struct Layout {
    lines: Vec<Line>,
}

const BLACK: (u8, u8, u8) = (17, 17, 17);
const GREY: (u8, u8, u8) = (85, 85, 85);

impl Layout {
    fn paragraph(
        &mut self,
        text: &str,
        font: BuiltinFont,
        size: f32,
        indent: f32,
        space_before: f32,
        color: (u8, u8, u8),
    ) {
        let width = PAGE_WIDTH - 2.0 * MARGIN - indent;
        // Widths of the standard fonts add up (no kerning), so a line's width is kept as a sum
        // rather than measured again for every word.
        let space = font.get_width(size, " ");
        let mut current_width = 0.0;
        let mut current = String::new();
        let mut first = true;
        let push = |line: String, first: &mut bool, lines: &mut Vec<Line>| {
            lines.push(Line {
                font,
                size,
                text: line,
                indent,
                space_before: if *first { space_before } else { 0.0 },
                color,
                keep_with_next: false,
            });
            *first = false;
        };
        for word in text.split_whitespace() {
            let word_width = font.get_width(size, word);
            if current.is_empty() {
                current.push_str(word);
                current_width = word_width;
            } else if current_width + space + word_width <= width {
                current.push(' ');
                current.push_str(word);
                current_width += space + word_width;
            } else {
                push(std::mem::take(&mut current), &mut first, &mut self.lines);
                current.push_str(word);
                current_width = word_width;
            }
        }
        if !current.is_empty() {
            push(current, &mut first, &mut self.lines);
        }
    }

    fn heading(&mut self, text: &str) {
        self.paragraph(text, BuiltinFont::Helvetica_Bold, 13.0, 0.0, 14.0, BLACK);
        self.keep_last_with_next();
    }

    fn keep_last_with_next(&mut self) {
        if let Some(last) = self.lines.last_mut() {
            last.keep_with_next = true;
        }
    }

    fn text(&mut self, text: &str) {
        self.paragraph(text, BuiltinFont::Times_Roman, 11.0, 0.0, 4.0, BLACK);
    }

    fn small(&mut self, text: &str, indent: f32) {
        self.paragraph(text, BuiltinFont::Helvetica, 8.5, indent, 2.0, GREY);
    }
}

fn verdict_color(verdict: Verdict) -> (u8, u8, u8) {
    match verdict {
        Verdict::Verified => (26, 127, 55),
        Verdict::Disputed => (198, 40, 40),
        Verdict::NeedsSource => (178, 106, 0),
        Verdict::Unreviewed => GREY,
    }
}

fn when(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn layout(view: &ReportView) -> Vec<Line> {
    let t = &view.t;
    let a = &view.article;
    let mut l = Layout { lines: Vec::new() };
    let label = |verdict: Verdict| {
        view.verdict_scale
            .iter()
            .find(|v| v.verdict == verdict)
            .map(|v| v.label)
            .unwrap_or(verdict.as_str())
            .to_string()
    };
    l.small(&format!("{} · {}", view.newsroom, t.report), 0.0);
    l.paragraph(&a.title, BuiltinFont::Helvetica_Bold, 18.0, 0.0, 6.0, BLACK);
    let mut meta = Vec::new();
    if let Some(o) = &a.outlet {
        meta.push(o.clone());
    }
    if let Some(d) = a.published_at {
        meta.push(d.to_string());
    }
    meta.push(format!("{} {}", t.language, a.language));
    meta.push(format!("{} {}", t.status, view.status_label));
    l.small(&meta.join(" · "), 0.0);
    if let Some(url) = &a.url {
        l.small(url, 0.0);
    }

    l.heading(t.summary);
    let counts = [
        a.counts.verified,
        a.counts.disputed,
        a.counts.needs_source,
        a.counts.unreviewed,
    ];
    let summary = view
        .verdict_scale
        .iter()
        .zip(counts)
        .map(|(v, n)| format!("{}: {n}", v.label))
        .collect::<Vec<_>>()
        .join("   ");
    l.text(&format!("{summary}   {}: {}", t.total, a.counts.total()));

    l.heading(t.statements);
    for (i, s) in a.statements.iter().enumerate() {
        l.paragraph(
            &format!("{}. {}", i + 1, label(s.verdict).to_uppercase()),
            BuiltinFont::Helvetica_Bold,
            9.5,
            0.0,
            10.0,
            verdict_color(s.verdict),
        );
        l.keep_last_with_next();
        l.paragraph(
            &format!("« {} »", s.text),
            BuiltinFont::Times_Italic,
            11.0,
            12.0,
            2.0,
            BLACK,
        );
        if let Some(g) = &s.gloss_en {
            l.small(&format!("{}: {g}", t.english), 12.0);
        }
        if !s.note.is_empty() {
            l.paragraph(&s.note, BuiltinFont::Times_Roman, 10.5, 12.0, 2.0, BLACK);
        }
        for src in &s.sources {
            let title = src.title.clone().unwrap_or_else(|| src.url.clone());
            l.small(&format!("{} — {title} <{}>", t.sources, src.url), 12.0);
        }
        let mut by = s.kind.as_str().to_string();
        if let (Some(who), Some(at)) = (&s.reviewed_by, s.reviewed_at) {
            by.push_str(&format!(" · {} {who}, {}", t.reviewed_by, when(at)));
        }
        l.small(&by, 12.0);
    }

    l.heading(t.verdict_scale);
    for v in &view.verdict_scale {
        l.paragraph(
            v.label,
            BuiltinFont::Helvetica_Bold,
            10.0,
            0.0,
            4.0,
            verdict_color(v.verdict),
        );
        l.paragraph(
            v.definition,
            BuiltinFont::Times_Roman,
            10.5,
            12.0,
            0.0,
            BLACK,
        );
    }
    l.heading(t.methodology);
    l.text(&view.methodology);
    l.heading(t.corrections);
    if view.corrections.is_empty() {
        l.text(t.no_corrections);
    }
    for c in &view.corrections {
        let change = if c.from.is_empty() {
            c.to_label.clone()
        } else {
            // The standard fonts' encoding has no arrow.
            format!("{} -> {}", c.from_label, c.to_label)
        };
        let after = if c.after_sign_off {
            format!(" ({})", t.after_sign_off)
        } else {
            String::new()
        };
        l.text(&format!(
            "{} — « {} » — {change}{after} — {} — {}",
            when(c.at),
            c.statement_text,
            c.by,
            c.note
        ));
    }
    l.heading(t.audit);
    l.small(
        &format!("{} {}.", t.generated, when(view.generated_at)),
        0.0,
    );
    if let Some(h) = &view.chain_head {
        l.small(
            &format!("{}: {} {}, hash {}", t.chain_head, t.event, h.seq, h.hash),
            0.0,
        );
    }
    l.lines
}

/// Splits lines into pages, keeping each line's spacing; returns (y, line) per page.
fn paginate(lines: &[Line]) -> Vec<Vec<(f32, Line)>> {
    let mut pages = vec![Vec::new()];
    let mut y = PAGE_HEIGHT - MARGIN;
    let step_of = |l: &Line| l.space_before + l.size * 1.3;
    for (i, line) in lines.iter().enumerate() {
        let line = line.clone();
        let mut step = step_of(&line);
        if line.keep_with_next {
            step += lines.get(i + 1).map(step_of).unwrap_or(0.0);
        }
        if y - step < MARGIN + FOOTER {
            pages.push(Vec::new());
            y = PAGE_HEIGHT - MARGIN;
        }
        y -= step_of(&line);
        if let Some(page) = pages.last_mut() {
            page.push((y, line));
        }
    }
    pages
}

/// The report as a PDF document.
pub fn render(view: &ReportView) -> Result<Vec<u8>, ReportError> {
    let fail = |e: std::io::Error| ReportError::Encoding(format!("writing the PDF: {e}"));
    let pages = paginate(&layout(view));
    let total = pages.len();
    // pdf-canvas writes to a file (it seeks back to fill in offsets): an anonymous temp file.
    let mut file = tempfile::tempfile().map_err(fail)?;
    let mut doc = Pdf::new(file.try_clone().map_err(fail)?).map_err(fail)?;
    doc.set_title(&pdf_text_string(&view.article.title));
    doc.set_author(&pdf_text_string(&view.newsroom));
    doc.set_producer("claimdesk");
    for (number, page) in pages.into_iter().enumerate() {
        doc.render_page(PAGE_WIDTH, PAGE_HEIGHT, |c| {
            for (y, line) in &page {
                let (r, g, b) = line.color;
                c.set_fill_color(Color::rgb(r, g, b))?;
                c.left_text(MARGIN + line.indent, *y, line.font, line.size, &line.text)?;
            }
            c.set_fill_color(Color::rgb(GREY.0, GREY.1, GREY.2))?;
            let footer = format!("{} — {}/{total}", view.newsroom, number + 1);
            c.right_text(
                PAGE_WIDTH - MARGIN,
                MARGIN / 2.0,
                BuiltinFont::Helvetica,
                8.0,
                &footer,
            )
        })
        .map_err(fail)?;
    }
    doc.finish().map_err(fail)?;
    file.seek(SeekFrom::Start(0)).map_err(fail)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(fail)?;
    Ok(bytes)
}

/// A metadata value as the body of a PDF literal string: UTF-16BE with its byte-order mark,
/// every byte as an octal escape. pdf-canvas writes metadata between parentheses as given, so
/// raw UTF-8 would come out garbled (and a parenthesis would break the file).
fn pdf_text_string(text: &str) -> String {
    let mut out = String::from("\\376\\377");
    for unit in text.encode_utf16() {
        for byte in unit.to_be_bytes() {
            out.push_str(&format!("\\{byte:03o}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_strings_are_utf16_octal_escapes() {
        assert_eq!(pdf_text_string("é)"), "\\376\\377\\000\\351\\000\\051");
    }
}
