//! What a Hugo `{{% name %}}` call adds to a page's headings. Its output is Markdown read with
//! the page, so it may add headings (and their ids) that the page's source does not show:
//!
//! - an include-style shortcode, whose template reads a file named by its first argument
//!   (`readFile (path.Join "includes" (.Get 0))`), adds that file's headings: postlint reads
//!   the file as Hugo does;
//! - a shortcode whose template (the site's or a theme's, or one Hugo ships) has nothing that
//!   could write a heading — no `#`, no data, file, page or partial it renders — adds none;
//! - any other adds headings postlint cannot know: the page's set of anchors is open.

use crate::document::model::{Heading, TemplateTag};
use crate::document::{Document, ParseOptions};
use crate::files::{read_site_file, Notes};
use crate::source::SourceFile;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

/// How deep an included file's own includes are followed.
const MAX_DEPTH: usize = 4;

/// Shortcodes Hugo ships, none of which writes a heading.
const EMBEDDED: &[&str] = &[
    "comment",
    "details",
    "figure",
    "gist",
    "highlight",
    "instagram",
    "param",
    "qr",
    "ref",
    "relref",
    "twitter",
    "vimeo",
    "x",
    "youtube",
];

/// What one call adds to the page's headings.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expansion {
    /// These headings, in order (an included file's).
    Headings(Vec<Heading>),
    /// No heading.
    Nothing,
    /// Headings postlint cannot know.
    Unknown,
}

/// What a shortcode's template does, as far as headings go.
#[derive(Clone, Debug)]
enum Template {
    /// Reads the file `<folder>/<first argument>` (relative to the site root).
    Include {
        folder: String,
    },
    NoHeadings,
    Unknown,
}

/// The expansion of each `{{% %}}` call of the site, by shortcode name and arguments: worked
/// out the first time a post with the call has its anchors made, then kept.
#[derive(Debug, Default)]
pub(crate) struct Expansions {
    /// `None`: no site to read templates from; every call adds headings postlint cannot know.
    state: Option<Mutex<State>>,
}

#[derive(Debug)]
struct State {
    resolver: Resolver,
    by_call: HashMap<(String, String), Expansion>,
}

impl Expansions {
    /// Expands calls with the templates of the site at `root` and its `themes` (folders
    /// relative to `root`) that complete the site's; `files` are the site's files.
    pub(crate) fn new(
        root: &Path,
        themes: &[String],
        files: Arc<HashSet<String>>,
        options: ParseOptions,
    ) -> Self {
        let resolver = Resolver {
            root: root.to_path_buf(),
            themes: themes.to_vec(),
            files,
            options,
            templates: HashMap::new(),
            included: HashMap::new(),
        };
        Self {
            state: Some(Mutex::new(State {
                resolver,
                by_call: HashMap::new(),
            })),
        }
    }

    /// What `tag` adds to its page's headings.
    pub(crate) fn of(&self, tag: &TemplateTag) -> Expansion {
        let Some(state) = &self.state else {
            return Expansion::Unknown;
        };
        // A panic elsewhere cannot leave the cache half-written: entries are whole.
        let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
        let key = (tag.name.clone(), tag.args.clone());
        if let Some(known) = state.by_call.get(&key) {
            return known.clone();
        }
        let expansion = state.resolver.expand(tag, 0);
        state.by_call.insert(key, expansion.clone());
        expansion
    }
}

#[derive(Debug)]
struct Resolver {
    root: PathBuf,
    themes: Vec<String>,
    files: Arc<HashSet<String>>,
    options: ParseOptions,
    templates: HashMap<String, Template>,
    /// Included files by path: their headings, and the calls they make in turn.
    included: HashMap<String, Option<Document>>,
}

impl Resolver {
    fn expand(&mut self, tag: &TemplateTag, depth: usize) -> Expansion {
        match self.template(&tag.name) {
            Template::NoHeadings => Expansion::Nothing,
            Template::Unknown => Expansion::Unknown,
            Template::Include { folder } => {
                let Some(arg) = first_argument(&tag.args) else {
                    return Expansion::Unknown;
                };
                let path = if folder.is_empty() {
                    arg
                } else {
                    format!("{folder}/{arg}")
                };
                self.included_headings(&path, depth)
            }
        }
    }

    fn included_headings(&mut self, path: &str, depth: usize) -> Expansion {
        if depth >= MAX_DEPTH || !self.files.contains(path) {
            return Expansion::Unknown;
        }
        if !self.included.contains_key(path) {
            let notes = Notes::default();
            let doc = read_site_file(&self.root, path, &notes).map(|text| {
                let source = SourceFile {
                    path: self.root.join(path),
                    display_path: path.to_string(),
                    text,
                };
                Document::parse(source, &self.options)
            });
            self.included.insert(path.to_string(), doc);
        }
        let Some(Some(doc)) = self.included.get(path) else {
            return Expansion::Unknown;
        };
        let headings = doc.markdown.headings.clone();
        let calls: Vec<TemplateTag> = doc
            .markdown
            .template_tags
            .iter()
            .filter(|t| t.markdown)
            .cloned()
            .collect();
        if calls.is_empty() {
            return Expansion::Headings(headings);
        }
        // The included file's own calls, in place among its headings.
        let mut out = Vec::new();
        let mut rest = headings.into_iter().peekable();
        for call in calls {
            while rest.peek().is_some_and(|h| h.span.start < call.span.start) {
                out.extend(rest.next());
            }
            match self.expand(&call, depth + 1) {
                Expansion::Headings(inner) => out.extend(inner),
                Expansion::Nothing => {}
                Expansion::Unknown => return Expansion::Unknown,
            }
        }
        out.extend(rest);
        Expansion::Headings(out)
    }

    fn template(&mut self, name: &str) -> Template {
        if let Some(t) = self.templates.get(name) {
            return t.clone();
        }
        let template = self.read_template(name);
        self.templates.insert(name.to_string(), template.clone());
        template
    }

    fn read_template(&self, name: &str) -> Template {
        let layouts = std::iter::once("layouts".to_string())
            .chain(self.themes.iter().map(|t| format!("{t}/layouts")));
        for dir in layouts {
            for folder in ["_shortcodes", "shortcodes"] {
                let path = format!("{dir}/{folder}/{name}.html");
                if !self.files.contains(&path) {
                    continue;
                }
                let notes = Notes::default();
                return match read_site_file(&self.root, &path, &notes) {
                    Some(text) => classify(&text),
                    None => Template::Unknown,
                };
            }
        }
        if EMBEDDED.contains(&name) {
            Template::NoHeadings
        } else {
            Template::Unknown
        }
    }
}

/// What a template does with headings, read from its text.
fn classify(template: &str) -> Template {
    static INCLUDE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"readFile\s*\(?\s*(?:path\.Join\s+"([^"]*)"\s*\(?\s*|printf\s+"([^"%]*)/%s"\s*\(?\s*)?\.Get\s+0\b"#,
        )
        .expect("valid regex")
    });
    static HEADING_SOURCES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)^\s*#|(?:\}\}|>)\s*#|readFile|\.Data\b|\bpartial|\btemplate\b|\.Content\b|RenderString|markdownify|GetPage|\.Resources|resources\.|os\.|transform\.",
        )
        .expect("valid regex")
    });
    if let Some(c) = INCLUDE.captures(template) {
        let folder = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        return Template::Include {
            folder: folder.trim_matches('/').to_string(),
        };
    }
    // Template comments may say anything.
    static COMMENT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)\{\{-?\s*/\*.*?\*/\s*-?\}\}").expect("valid regex"));
    let code = COMMENT.replace_all(template, "");
    if HEADING_SOURCES.is_match(&code) {
        Template::Unknown
    } else {
        Template::NoHeadings
    }
}

/// A call's first positional argument, unquoted.
fn first_argument(args: &str) -> Option<String> {
    let args = args.trim();
    let value = match args.chars().next()? {
        q @ ('"' | '`' | '\'') => args[1..].split(q).next()?,
        _ => args.split_whitespace().next()?,
    };
    (!value.contains('=') && !value.is_empty()).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let include = classify("{{- readFile (path.Join \"includes\" (.Get 0)) -}}");
        assert!(matches!(include, Template::Include { folder } if folder == "includes"));
        let bare = classify("{{ .Get 0 | readFile }}");
        assert!(matches!(bare, Template::Unknown));
        let direct = classify("{{ readFile (.Get 0) }}");
        assert!(matches!(direct, Template::Include { folder } if folder.is_empty()));
        let notice = classify(
            "<div class=\"notice notice-{{ .Get 0 | default \"info\" }}\">\n{{ .Inner }}\n</div>",
        );
        assert!(matches!(notice, Template::NoHeadings));
        let changelog = classify(
            "{{- /* one heading per release */ -}}\n{{- range site.Data.releases }}\n## {{ .version }}\n{{ end -}}",
        );
        assert!(matches!(changelog, Template::Unknown));
    }

    #[test]
    fn first_arguments() {
        assert_eq!(first_argument("\"setup.md\"").as_deref(), Some("setup.md"));
        assert_eq!(
            first_argument("setup.md other").as_deref(),
            Some("setup.md")
        );
        assert_eq!(first_argument("file=\"x.md\""), None);
    }
}
