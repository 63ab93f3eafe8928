//! The HTML (and Markdown) templates, compiled into the binary so it runs from any directory.
//! Pages (`web`) and reports (`report`) both render through here.

use std::collections::HashMap;
use std::sync::LazyLock;
use tera::{Context, Tera};

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

static TEMPLATES: LazyLock<Result<Tera, String>> = LazyLock::new(|| {
    let mut tera = Tera::default();
    tera.add_raw_templates(templates![
        "base.html",
        "login.html",
        "articles.html",
        "article_new.html",
        "article.html",
        "statement.html",
        "users.html",
        "queue.html",
        "activity.html",
        "tokens.html",
        "notifications.html",
        "search.html",
        "facts.html",
        "error.html",
        "report.html",
        "report.md",
    ])
    .map_err(|e| format!("{e:?}"))?;
    tera.register_filter("when", when);
    // `t(key="...", lang=lang, arg=value...)`: a message of the interface (see `i18n`).
    tera.register_function(
        "t",
        fluent_templates::FluentLoader::new(&*crate::i18n::LOCALES),
    );
    tera.register_filter("md", markdown_text);
    Ok(tera)
});

/// `2024-12-09T10:11:12.123456` (a serialized `NaiveDateTime`) as `2024-12-09 10:11 UTC`, or
/// in the language of `lang` ("fr": `9 déc. 2024 à 10:11 UTC`).
fn when(value: &tera::Value, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let lang = args
        .get("lang")
        .and_then(tera::Value::as_str)
        .and_then(crate::i18n::Language::parse)
        .unwrap_or_default();
    let s = value.as_str().unwrap_or_default();
    Ok(tera::Value::String(crate::i18n::when(s, lang)))
}

/// Text placed in a Markdown document as text: HTML (`<script>`, `<!--`) and link syntax
/// (`[x](javascript:...)`) are escaped so a renderer shows them rather than acting on them;
/// table pipes and line breaks cannot break a table row.
fn markdown_text(
    value: &tera::Value,
    _: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = match value {
        tera::Value::String(s) => s.clone(),
        tera::Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '[' | ']' | '`' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    Ok(tera::Value::String(out))
}

/// A template that could not be rendered: a bug (templates are fixed at build time).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(String);

/// Renders a template.
pub fn render(name: &str, context: &Context) -> Result<String, TemplateError> {
    let tera = TEMPLATES
        .as_ref()
        .map_err(|e| TemplateError(format!("templates failed to load: {e}")))?;
    tera.render(name, context)
        .map_err(|e| TemplateError(format!("rendering {name}: {e:?}")))
}
