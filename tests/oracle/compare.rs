//! Holds postlint's findings and model of one site against the generator's facts
//! (`scripts/oracle/README.md`, "What the test checks") and lists every disagreement.

use crate::facts::{Page, SiteFacts};
use crate::postlint_side::{sha256_hex, Finding};
use postlint::PostFacts;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// One thing postlint and the generator disagree on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Disagreement {
    pub path: String,
    pub line: Option<usize>,
    /// `refs`, `br`, `heading_ids`, `url`, `date`, `rendered`, `pages`, `front_matter`,
    /// `errors` or `fix`: the facts' field it is about.
    pub what: &'static str,
    pub detail: String,
}

impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}: {}", self.path, self.what, self.detail),
            None => write!(f, "{}: {}: {}", self.path, self.what, self.detail),
        }
    }
}

/// Rules whose every finding a reference fact must explain.
const REF_RULES: &[&str] = &["missing-image", "dead-link", "dead-anchor", "outside-root"];
/// Rules for what the build rejects outright.
const SYNTAX_RULES: &[&str] = &["frontmatter-syntax", "mdx-syntax", "unreadable-file"];

pub struct Inputs<'a> {
    pub facts: &'a SiteFacts,
    pub findings: &'a [Finding],
    pub model: &'a [PostFacts],
    /// Texts after `--fix`, for the files it changed.
    pub fixed: &'a BTreeMap<String, Vec<u8>>,
    /// Source texts, by path, to tell drafts.
    pub sources: &'a HashMap<String, String>,
}

pub fn disagreements(input: &Inputs<'_>) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let mut by_page: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in input.findings {
        by_page.entry(f.path.as_str()).or_default().push(f);
    }
    let model: HashMap<&str, &PostFacts> =
        input.model.iter().map(|m| (m.path.as_str(), m)).collect();
    let known: BTreeSet<&str> = input.facts.pages.iter().map(|p| p.path.as_str()).collect();

    for page in &input.facts.pages {
        let findings = by_page.remove(page.path.as_str()).unwrap_or_default();
        let mut page_out = PageCheck {
            page,
            base_url: input.facts.base_url.as_deref().unwrap_or_default(),
            findings: &findings,
            out: &mut out,
        };
        page_out.errors_and_front_matter();
        let draft = is_draft(&page.path, input.sources.get(&page.path));
        // A page that stops the build is a post with a mistake: it has no facts about its
        // body. One the generator does not render is linted for syntax at most (unless it is a
        // draft, to be published).
        let stops_build =
            !page.errors.is_empty() || page.front_matter.iter().any(|k| k.status == "rejected");
        if !stops_build {
            page_out.rendered(model.get(page.path.as_str()).copied());
        }
        if stops_build {
        } else if page.rendered {
            page_out.refs();
            page_out.brs();
            if let Some(m) = model.get(page.path.as_str()) {
                page_out.heading_ids(m);
                page_out.route(m);
            }
        } else if !draft {
            page_out.nothing_but_syntax();
        }
        page_out.fix(input.fixed.get(&page.path));
    }
    // Findings of judged rules on files the generator does not know as pages.
    for (path, findings) in by_page {
        for f in findings {
            if REF_RULES.contains(&f.rule.as_str()) || f.rule == "stray-br" {
                out.push(Disagreement {
                    path: path.to_string(),
                    line: Some(f.line),
                    what: "pages",
                    detail: format!("{} on a file the generator has no page for", f.rule),
                });
            }
        }
    }
    for m in input.model {
        if !known.contains(m.path.as_str()) {
            out.push(Disagreement {
                path: m.path.clone(),
                line: None,
                what: "pages",
                detail: "postlint lints it as a post; the generator has no such page".into(),
            });
        }
    }
    out.sort();
    out
}

/// Drafts are not built, but their authors want them linted like the posts they will become.
fn is_draft(path: &str, source: Option<&String>) -> bool {
    path.starts_with("_drafts/")
        || source.is_some_and(|text| {
            text.lines()
                .take(40)
                .any(|l| matches!(l.trim(), "draft: true" | "draft = true"))
        })
}

struct PageCheck<'a, 'o> {
    page: &'a Page,
    /// Prefixed to postlint's URLs: the facts give them as served (`SiteFacts::base_url`).
    base_url: &'a str,
    findings: &'a [&'a Finding],
    out: &'o mut Vec<Disagreement>,
}

impl<'a> PageCheck<'a, '_> {
    fn push(&mut self, line: Option<usize>, what: &'static str, detail: String) {
        self.out.push(Disagreement {
            path: self.page.path.clone(),
            line,
            what,
            detail,
        });
    }

    fn of_rules(&self, rules: &[&str]) -> Vec<&'a Finding> {
        self.findings
            .iter()
            .copied()
            .filter(|f| rules.contains(&f.rule.as_str()))
            .collect()
    }

    fn rendered(&mut self, model: Option<&PostFacts>) {
        let ours = model.is_some_and(|m| m.rendered);
        if ours != self.page.rendered {
            let detail = format!(
                "the generator {} it; postlint {}",
                if self.page.rendered {
                    "renders"
                } else {
                    "does not render"
                },
                if ours {
                    "takes it for a rendered post"
                } else {
                    "does not"
                }
            );
            self.push(None, "rendered", detail);
        }
    }

    /// Each broken reference is reported on its line by the rule for its kind; nothing else is.
    fn refs(&mut self) {
        let mut expected: BTreeMap<usize, Vec<(&'static str, String)>> = BTreeMap::new();
        for r in self.page.refs.iter().filter(|r| !r.ok) {
            let rule = match (r.kind.as_str(), r.broken.as_deref()) {
                (_, Some("anchor")) => "dead-anchor",
                (_, Some("undefined")) => "undefined-reference",
                ("image", _) => "missing-image",
                _ => "dead-link",
            };
            let why = r.broken.as_deref().unwrap_or("broken");
            expected
                .entry(r.line)
                .or_default()
                .push((rule, format!("{} `{}` ({why})", r.kind, r.target)));
        }
        let mut actual: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
        // `undefined-reference` must report a label the generator printed as text; other
        // findings of it are postlint's judgement (not every oracle records those labels).
        let wanted_undefined: BTreeSet<usize> = expected
            .iter()
            .filter(|(_, refs)| refs.iter().any(|(rule, _)| *rule == "undefined-reference"))
            .map(|(line, _)| *line)
            .collect();
        let undefined = self
            .of_rules(&["undefined-reference"])
            .into_iter()
            .filter(|f| wanted_undefined.contains(&f.line));
        for f in self.of_rules(REF_RULES).into_iter().chain(undefined) {
            actual.entry(f.line).or_default().push(f);
        }
        let lines: BTreeSet<usize> = expected.keys().chain(actual.keys()).copied().collect();
        for line in lines {
            let mut wanted = expected.remove(&line).unwrap_or_default();
            let mut got = actual.remove(&line).unwrap_or_default();
            // Same rule first, then `outside-root` stands for any broken reference.
            wanted.retain(|(rule, _)| match got.iter().position(|f| f.rule == *rule) {
                Some(i) => {
                    got.remove(i);
                    false
                }
                None => true,
            });
            wanted.retain(
                |_| match got.iter().position(|f| f.rule == "outside-root") {
                    Some(i) => {
                        got.remove(i);
                        false
                    }
                    None => true,
                },
            );
            for (rule, what) in wanted {
                self.push(
                    Some(line),
                    "refs",
                    format!("missed: {what} should be `{rule}`"),
                );
            }
            for f in got {
                let detail = format!("false alarm: {}: {}", f.rule, f.message);
                self.push(Some(line), "refs", detail);
            }
        }
    }

    /// `stray-br` reports exactly the `<br>` tags that end up in prose, those the generator
    /// drops (`omitted`) and those it prints as text (`text`).
    fn brs(&mut self) {
        let mut expected: BTreeMap<usize, usize> = BTreeMap::new();
        let mut contexts: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for br in &self.page.br {
            contexts.entry(br.line).or_default().push(&br.context);
            if matches!(br.context.as_str(), "prose" | "omitted" | "text") {
                *expected.entry(br.line).or_default() += 1;
            }
        }
        let mut actual: BTreeMap<usize, usize> = BTreeMap::new();
        for f in self.of_rules(&["stray-br"]) {
            *actual.entry(f.line).or_default() += 1;
        }
        let lines: BTreeSet<usize> = expected.keys().chain(actual.keys()).copied().collect();
        for line in lines {
            let (want, got) = (
                expected.get(&line).copied().unwrap_or(0),
                actual.get(&line).copied().unwrap_or(0),
            );
            if want != got {
                let seen = contexts
                    .get(&line)
                    .map(|c| c.join(", "))
                    .unwrap_or_default();
                let detail =
                    format!("{want} prose <br> (generator: [{seen}]), stray-br reports {got}");
                self.push(Some(line), "br", detail);
            }
        }
    }

    fn heading_ids(&mut self, model: &PostFacts) {
        let theirs: Vec<(usize, &str)> = self
            .page
            .heading_ids
            .iter()
            .map(|h| (h.line, h.id.as_str()))
            .collect();
        let ours: Vec<(usize, &str)> = model
            .heading_ids
            .iter()
            .map(|h| (h.line, h.id.as_str()))
            .collect();
        let their_ids: Vec<&str> = theirs.iter().map(|h| h.1).collect();
        let our_ids: Vec<&str> = ours.iter().map(|h| h.1).collect();
        if their_ids == our_ids {
            return;
        }
        // Where postlint says some ids of the page cannot be known (a shortcode adds headings
        // it cannot read), each id it does claim must be the generator's, in the same order.
        if model.headings_open {
            let mut rest = their_ids.iter();
            for (line, id) in &ours {
                if !rest.any(|theirs| theirs == id) {
                    let detail = format!("the generator has no id `{id}` (or not in this order)");
                    self.push(Some(*line), "heading_ids", detail);
                }
            }
            return;
        }
        for (line, id) in &theirs {
            if !our_ids.contains(id) {
                self.push(
                    Some(*line),
                    "heading_ids",
                    format!("postlint has no id `{id}`"),
                );
            }
        }
        for (line, id) in &ours {
            if !their_ids.contains(id) {
                self.push(
                    Some(*line),
                    "heading_ids",
                    format!("the generator has no id `{id}`"),
                );
            }
        }
        if self.out.last().is_none_or(|d| d.what != "heading_ids") {
            let detail = format!("order differs: generator {their_ids:?}, postlint {our_ids:?}");
            self.push(None, "heading_ids", detail);
        }
    }

    /// URL and date, where postlint claims one for a page the generator renders.
    fn route(&mut self, model: &PostFacts) {
        if let (Some(theirs), Some(ours)) = (&self.page.url, &model.url) {
            let ours = format!("{}{ours}", self.base_url);
            if *theirs != ours {
                self.push(
                    None,
                    "url",
                    format!("generator `{theirs}`, postlint `{ours}`"),
                );
            }
        }
        if let (Some(theirs), Some(ours)) = (&self.page.date, &model.date) {
            if theirs != ours {
                self.push(None, "date", format!("generator {theirs}, postlint {ours}"));
            }
        }
    }

    fn errors_and_front_matter(&mut self) {
        for key in &self.page.front_matter {
            let reported = self
                .of_rules(&["frontmatter-schema", "frontmatter-syntax"])
                .iter()
                .any(|f| f.line == key.line);
            if !reported {
                let detail = format!("missed: key `{}` ({})", key.key, key.status);
                self.push(Some(key.line), "front_matter", detail);
            }
        }
        // The generators place a syntax error where their parser stopped; postlint where the
        // mistake is. One finding per error, anywhere in the page.
        let syntax = self
            .of_rules(&[SYNTAX_RULES, &["frontmatter-schema"]].concat())
            .len();
        // Jekyll stops on a `{% post_url %}` that names no post; postlint reports that tag as
        // a `dead-link` error on its line.
        let post_url_misses: Vec<usize> = self
            .of_rules(&["dead-link"])
            .iter()
            .filter(|f| f.message.contains("{% post_url"))
            .map(|f| f.line)
            .collect();
        let errors = self.page.errors.iter().filter(|e| {
            !(e.message.starts_with("Could not find post") && post_url_misses.contains(&e.line))
        });
        for error in errors.skip(syntax) {
            let detail = format!("missed: {}", error.message.lines().next().unwrap_or(""));
            self.push(Some(error.line), "errors", detail);
        }
        if self.page.errors.is_empty() {
            let extra: Vec<(usize, String)> = self
                .of_rules(SYNTAX_RULES)
                .into_iter()
                .map(|f| (f.line, format!("false alarm: {}: {}", f.rule, f.message)))
                .collect();
            for (line, detail) in extra {
                self.push(Some(line), "errors", detail);
            }
        }
    }

    /// A page the generator never renders is linted for syntax at most.
    fn nothing_but_syntax(&mut self) {
        let extra: Vec<(usize, String)> = self
            .findings
            .iter()
            .filter(|f| !SYNTAX_RULES.contains(&f.rule.as_str()))
            // Why the generator skips the file (Jekyll: a `_posts` file without a date).
            .filter(|f| !(f.rule == "date-mismatch" && f.message.contains(" skips ")))
            .filter(|f| {
                let explained = self.page.front_matter.iter().any(|k| k.line == f.line);
                !explained
            })
            .map(|f| {
                (
                    f.line,
                    format!("{} on a page the generator never renders", f.rule),
                )
            })
            .collect();
        for (line, detail) in extra {
            self.push(Some(line), "rendered", detail);
        }
    }

    fn fix(&mut self, fixed: Option<&Vec<u8>>) {
        match (&self.page.fix, fixed) {
            (None, None) => {}
            (None, Some(_)) => self.push(
                None,
                "fix",
                "postlint now fixes this page; re-run the oracle to judge the fix".into(),
            ),
            (Some(_), None) => self.push(
                None,
                "fix",
                "the oracle judged a fix that postlint no longer makes; re-run the oracle".into(),
            ),
            (Some(verdict), Some(after)) => {
                if sha256_hex(after) != verdict.after_sha256 {
                    self.push(
                        None,
                        "fix",
                        "postlint's fix changed since the oracle judged it; re-run the oracle"
                            .into(),
                    );
                } else if !verdict.render_identical {
                    self.push(None, "fix", "the fix changes the rendered page".into());
                }
            }
        }
    }
}
