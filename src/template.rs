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
        "error.html",
        "report.html",
        "report.md",
    ])
    .map_err(|e| format!("{e:?}"))?;
    tera.register_filter("when", when);
    Ok(tera)
});

/// `2024-12-09T10:11:12.123456` (a serialized `NaiveDateTime`) as `2024-12-09 10:11 UTC`.
fn when(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let s = value.as_str().unwrap_or_default();
    let shown = match (s.get(..10), s.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => s.to_string(),
    };
    Ok(tera::Value::String(shown))
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
