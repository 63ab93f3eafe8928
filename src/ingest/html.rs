//! HTML pages reduced to their article text with a real HTML parser (html5ever via `scraper`).

use super::Document;
use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "svg", "iframe", "figure", "select", "head",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "table",
    "dd",
    "dt",
    "figcaption",
    "hr",
];

/// The title (`<h1>`, else `<title>`) and the text of the `<article>` (else `<main>`, else
/// `<body>`), one paragraph per line, blank line between blocks, navigation and scripts left out.
pub fn article_text(html: &str) -> Document {
    let doc = Html::parse_document(html);
    let first_text = |css: &str| {
        Selector::parse(css).ok().and_then(|sel| {
            doc.select(&sel)
                .map(|e| collapse(&e.text().collect::<String>()))
                .find(|t| !t.is_empty())
        })
    };
    let title = first_text("h1").or_else(|| first_text("title"));
    let root = ["article", "main", "body"]
        .iter()
        .filter_map(|css| Selector::parse(css).ok())
        .find_map(|sel| doc.select(&sel).next());
    let mut out = String::new();
    if let Some(root) = root {
        walk(root, &mut out);
    }
    let body = out
        .split('\n')
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Document { title, body }
}

fn walk(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) => {
                let name = e.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                if let Some(child) = ElementRef::wrap(child) {
                    walk(child, out);
                }
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_paragraphs_and_drops_navigation() {
        let html = r#"<html><head><title>T</title><script>var x=1;</script></head><body>
            <nav><a href="/">Accueil</a></nav>
            <article><h1>La Russie accorde l&#8217;asile</h1>
            <p>La Russie a accordé l'asile   à <b>Bachar al-Assad</b>.</p>
            <p>Il est à Moscou.</p><aside>Pub</aside></article>
            <footer>© 2024</footer></body></html>"#;
        let doc = article_text(html);
        assert_eq!(
            doc.title.as_deref(),
            Some("La Russie accorde l\u{2019}asile")
        );
        assert_eq!(
            doc.body,
            "La Russie accorde l\u{2019}asile\n\nLa Russie a accordé l'asile à Bachar al-Assad.\n\nIl est à Moscou."
        );
    }
}
