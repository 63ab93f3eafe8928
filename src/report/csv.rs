//! The CSV export: RFC 4180, UTF-8 with a byte-order mark so spreadsheets keep the accents.

use super::ReportError;
use super::ReportView;

const HEADER: [&str; 18] = [
    "article_id",
    "article_title",
    "statement_id",
    "start",
    "end",
    "text",
    "kind",
    "values",
    "gloss_en",
    "score",
    "rule",
    "origin",
    "verdict",
    "note",
    "sources",
    "reviewed_by",
    "reviewed_at",
    "version",
];

/// A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return would be read as a formula (`=HYPERLINK(...)`, `=cmd|...`), so it gets a leading
/// apostrophe, which spreadsheets show as text (OWASP's advice for CSV injection).
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// One row per statement, in reading order.
pub fn statements_csv(view: &ReportView) -> Result<Vec<u8>, ReportError> {
    many_statements_csv(std::slice::from_ref(view))
}

/// One row per statement of each report in turn, under one header.
pub fn many_statements_csv(views: &[ReportView]) -> Result<Vec<u8>, ReportError> {
    let fail = |e: ::csv::Error| ReportError::Encoding(format!("writing CSV: {e}"));
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = ::csv::Writer::from_writer(&mut out);
        w.write_record(HEADER).map_err(fail)?;
        for (a, s) in views
            .iter()
            .flat_map(|v| v.article.statements.iter().map(move |s| (&v.article, s)))
        {
            let sources = s
                .sources
                .iter()
                .map(|src| src.url.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let record = [
                &a.id.to_string(),
                a.title.as_str(),
                &s.id.to_string(),
                &s.start.to_string(),
                &s.end.to_string(),
                s.text.as_str(),
                s.kind.as_str(),
                &serde_json::to_string(&s.values).unwrap_or_default(),
                s.gloss_en.as_deref().unwrap_or(""),
                &format!("{:.3}", s.score),
                s.rule.as_str(),
                s.origin.as_str(),
                s.verdict.as_str(),
                s.note.as_str(),
                &sources,
                s.reviewed_by.as_deref().unwrap_or(""),
                &s.reviewed_at
                    .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                    .unwrap_or_default(),
                &s.version.to_string(),
            ];
            w.write_record(record.map(|c| inert(c).into_owned()))
                .map_err(fail)?;
        }
        w.flush()
            .map_err(|e| ReportError::Encoding(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn cells_that_spreadsheets_would_run_are_made_text() {
        for formula in [
            "=HYPERLINK(\"http://x\")",
            "=cmd|' /C calc'!A0",
            "@SUM(A1)",
            "+1+1",
            "-2+3",
            "\t=1",
        ] {
            assert!(inert(formula).starts_with('\''), "{formula}");
        }
        assert_eq!(inert("24 ans de pouvoir"), "24 ans de pouvoir");
        assert_eq!(inert(""), "");
    }
}
