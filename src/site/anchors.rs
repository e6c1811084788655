//! The anchors of each post: heading ids as the site's generator derives them, explicit
//! `{#id}`s and HTML `id=` / `<a name>`, computed once per post when the site index is built.

use super::includes::{Expansion, Expansions};
use crate::document::model::Heading;
use crate::document::slug::{HeadingIds, SlugStyle};
use crate::document::Document;
use crate::preset::Preset;
use crate::site_config::SiteConfig;
use crate::source::Span;
use regex::Regex;
use std::sync::{Arc, LazyLock};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// How the site's Markdown converter gives headings their ids.
#[derive(Clone, Debug)]
pub(crate) struct HeadingIdRules {
    style: SlugStyle,
    /// Off with kramdown `auto_ids: false` or Hugo `autoHeadingID = false`.
    auto_ids: bool,
    /// kramdown `auto_id_prefix`.
    prefix: String,
    /// The site uses a converter postlint does not model: ids are guesses, so a fragment that
    /// matches none of them is not reported.
    unknown: bool,
    /// Whether `{: #id}` / `{#id}` attribute lists outside headings make anchors (kramdown,
    /// goldmark with block attributes).
    attribute_lists: bool,
    /// What template calls whose output is Markdown add to a page's headings (Hugo
    /// `{{% %}}`); empty: each such call adds headings postlint cannot know.
    pub(crate) expansions: Arc<Expansions>,
}

impl HeadingIdRules {
    pub(crate) fn for_site(preset: Preset, config: &SiteConfig) -> Self {
        let mut rules = Self {
            style: SlugStyle::GithubSlugger,
            auto_ids: true,
            prefix: String::new(),
            unknown: false,
            attribute_lists: false,
            expansions: Arc::default(),
        };
        match preset {
            Preset::Docusaurus | Preset::None => {}
            Preset::Jekyll => {
                rules.attribute_lists = true;
                let converter = config.get_str("markdown").unwrap_or("kramdown");
                rules.unknown = !converter.eq_ignore_ascii_case("kramdown");
                rules.style = match config.get_str("kramdown.input") {
                    None => SlugStyle::KramdownGfm,
                    Some(i) if i.eq_ignore_ascii_case("gfm") => SlugStyle::KramdownGfm,
                    Some(i) if i.eq_ignore_ascii_case("kramdown") => SlugStyle::Kramdown,
                    Some(_) => {
                        rules.unknown = true;
                        SlugStyle::KramdownGfm
                    }
                };
                rules.auto_ids = config_bool(config, "kramdown.auto_ids").unwrap_or(true);
                rules.prefix = config
                    .get_str("kramdown.auto_id_prefix")
                    .unwrap_or_default()
                    .to_string();
            }
            Preset::Hugo => {
                rules.attribute_lists = true;
                let handler = config
                    .get_ci("markup.defaultMarkdownHandler")
                    .and_then(|n| n.as_str())
                    .unwrap_or("goldmark");
                rules.unknown = !handler.eq_ignore_ascii_case("goldmark");
                let parser = "markup.goldmark.parser";
                rules.auto_ids = config
                    .get_ci(&format!("{parser}.autoHeadingID"))
                    .and_then(node_bool)
                    .unwrap_or(true);
                let kind = config
                    .get_ci(&format!("{parser}.autoHeadingIDType"))
                    .and_then(|n| n.as_str())
                    .unwrap_or("github");
                rules.style = match kind.to_ascii_lowercase().as_str() {
                    "github" => SlugStyle::GoldmarkGithub,
                    "github-ascii" => SlugStyle::GoldmarkGithubAscii,
                    "blackfriday" => SlugStyle::GoldmarkBlackfriday,
                    _ => {
                        rules.unknown = true;
                        SlugStyle::GoldmarkGithub
                    }
                };
            }
        }
        rules
    }
}

fn config_bool(config: &SiteConfig, dotted: &str) -> Option<bool> {
    config.get(dotted).and_then(node_bool)
}

fn node_bool(node: &crate::document::front_matter::FmNode) -> Option<bool> {
    match node.value {
        crate::document::front_matter::FmValue::Bool(b) => Some(b),
        _ => None,
    }
}

/// The anchors one post defines, NFC-normalised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Anchors {
    /// Each id once, in document order (for suggestions).
    ordered: Box<[Box<str>]>,
    /// Indices into `ordered`, sorted by id: lookups without a second copy of every id (a run
    /// keeps the anchors of every post it reads until the end).
    sorted: Box<[usize]>,
    /// Some heading's id cannot be known (template syntax in it, an unknown converter): a
    /// fragment that matches nothing may still be right.
    pub uncertain: bool,
}

impl HeadingIdRules {
    /// The id the converter gives each heading of `doc` that gets one, in document order, with
    /// the heading's span (for a heading a template call adds, the call's), and whether some
    /// heading's id cannot be known (template syntax in it, a call that adds headings postlint
    /// cannot see).
    pub(crate) fn heading_ids(&self, doc: &Document) -> (Vec<(Span, String)>, bool) {
        let mut out = Vec::with_capacity(doc.markdown.headings.len());
        let mut uncertain = false;
        let mut ids = HeadingIds::new(self.style);
        let mut calls = doc
            .markdown
            .template_tags
            .iter()
            .filter(|t| t.markdown)
            .peekable();
        let mut headings = doc.markdown.headings.iter().peekable();
        loop {
            let call_first = match (calls.peek(), headings.peek()) {
                (Some(call), Some(heading)) => call.span.start < heading.span.start,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if call_first {
                let Some(call) = calls.next() else { break };
                match self.expansions.of(call) {
                    Expansion::Headings(added) => {
                        for heading in &added {
                            self.assign(
                                &mut ids,
                                heading,
                                heading.text.as_str(),
                                call.span,
                                &mut out,
                            );
                        }
                    }
                    Expansion::Nothing => {}
                    Expansion::Unknown => uncertain = true,
                }
                continue;
            }
            let Some(heading) = headings.next() else {
                break;
            };
            let source = heading_source(doc.text(), heading);
            if has_template_syntax(source) {
                uncertain = true;
            }
            self.assign(
                &mut ids,
                heading,
                heading.text.as_str(),
                heading.span,
                &mut out,
            );
        }
        (out, uncertain)
    }

    /// The id of one heading, its explicit one or the next auto id of `text`.
    fn assign(
        &self,
        ids: &mut HeadingIds,
        heading: &Heading,
        text: &str,
        span: Span,
        out: &mut Vec<(Span, String)>,
    ) {
        if let Some(id) = &heading.explicit_id {
            ids.reserve(id);
            out.push((span, id.clone()));
            return;
        }
        if !self.auto_ids {
            return;
        }
        // kramdown's converter names the headings kramdown-parser-gfm left without an id.
        let id = if heading.converter_id {
            ids.next_converter_id(text)
        } else {
            ids.next_id(text)
        };
        // kramdown-parser-gfm writes no id at all for a heading that slugs to nothing,
        // and an empty id cannot be linked to in any generator.
        if !id.is_empty() {
            out.push((span, format!("{}{id}", self.prefix)));
        }
    }
}

impl Anchors {
    pub(crate) fn of(doc: &Document, rules: &HeadingIdRules) -> Self {
        let (headings, uncertain) = rules.heading_ids(doc);
        let mut ids: Vec<Box<str>> = headings.iter().map(|(_, id)| nfc(id)).collect();
        // Raw HTML the generator leaves out of the page (Hugo without `unsafe`) has no ids.
        if !doc.markdown.breaks.raw_html_dropped {
            ids.extend(doc.markdown.html_ids.iter().map(|id| nfc(id)));
        }
        if rules.attribute_lists {
            for m in ATTRIBUTE_LIST_ID.captures_iter(doc.text()) {
                if let Some(id) = m.get(1).filter(|id| !doc.markdown.in_code(id.start())) {
                    ids.push(nfc(id.as_str()));
                }
            }
        }
        let mut anchors = Anchors::from_ids(ids);
        anchors.uncertain = rules.unknown || uncertain || doc.over_limit().is_some();
        anchors
    }

    /// The anchors of `ids` (NFC, in document order, repeats allowed): each kept once, at its
    /// first place.
    fn from_ids(ids: Vec<Box<str>>) -> Self {
        let mut by_id: Vec<usize> = (0..ids.len()).collect();
        by_id.sort_by(|&a, &b| ids[a].cmp(&ids[b]).then(a.cmp(&b)));
        let mut first = vec![false; ids.len()];
        for (k, &i) in by_id.iter().enumerate() {
            first[i] = k == 0 || ids[by_id[k - 1]] != ids[i];
        }
        // Where each kept id lands once the repeats are gone.
        let mut new_index = vec![0; ids.len()];
        let mut kept = 0;
        for (i, &keep) in first.iter().enumerate() {
            new_index[i] = kept;
            kept += usize::from(keep);
        }
        let sorted = by_id
            .into_iter()
            .filter(|&i| first[i])
            .map(|i| new_index[i])
            .collect();
        let ordered = ids
            .into_iter()
            .zip(&first)
            .filter_map(|(id, &keep)| keep.then_some(id))
            .collect();
        Anchors {
            ordered,
            sorted,
            uncertain: false,
        }
    }

    /// Anchors that cannot be known (a target that cannot be read): every fragment may be right.
    pub(crate) fn unknown() -> Self {
        Anchors {
            uncertain: true,
            ..Anchors::default()
        }
    }

    /// Whether `fragment` (already percent-decoded) names one of these anchors.
    pub(crate) fn contains(&self, fragment: &str) -> bool {
        let has = |id: &str| {
            self.sorted
                .binary_search_by(|&i| (*self.ordered[i]).cmp(id))
                .is_ok()
        };
        has(fragment) || has(&nfc(fragment))
    }

    /// A close anchor for a fragment that matches none.
    pub(crate) fn suggest(&self, fragment: &str) -> Option<&str> {
        let fragment: String = fragment.nfc().collect();
        crate::spelling::closest(&fragment, self.ordered.iter().map(|id| &**id))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.ordered.is_empty()
    }

    /// Whether every anchor of `other` is one of these too (`--affected`: a post that lost
    /// none can have broken no link into it).
    pub(crate) fn covers(&self, other: &Anchors) -> bool {
        self.uncertain || other.ordered.iter().all(|id| self.contains(id))
    }
}

/// `id` in NFC; nearly every id is already, and the quick check answers without normalising.
fn nfc(id: &str) -> Box<str> {
    match is_nfc_quick(id.chars()) {
        IsNormalized::Yes => id.into(),
        _ => id.nfc().collect::<String>().into_boxed_str(),
    }
}

/// kramdown attribute lists (`{: #id}`, `{:#id .class}`) and goldmark block attributes
/// (`{#id}` on its own line) that give an element an id.
static ATTRIBUTE_LIST_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{:?[ \t]*#([^\s}#]+)[^}\n]*\}").expect("valid regex"));

/// Liquid or shortcode syntax, which the generator expands before it derives the id. (MDX
/// `{/* #id */}` comments are the MDX front end's: they give the heading its id.)
fn has_template_syntax(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// The heading's text as written in the source, without the `#` marks, a closing sequence,
/// a trailing `{#id}` attribute block, or a setext underline.
pub(crate) fn heading_source<'t>(text: &'t str, heading: &Heading) -> &'t str {
    let raw = text
        .get(heading.span.start..heading.span.end)
        .unwrap_or_default()
        .trim_end();
    // Lines may end in a lone `\r` too (classic Mac OS files).
    if let Some((content, underline)) = raw.rsplit_once(['\n', '\r']) {
        let underline = underline.trim();
        let is_underline = |c: char| underline.chars().all(|u| u == c);
        if !underline.is_empty() && (is_underline('=') || is_underline('-')) {
            return content.trim();
        }
    }
    let line = raw.split(['\n', '\r']).next().unwrap_or_default();
    let mut s = line.trim_start().trim_start_matches('#').trim();
    if s.ends_with('}') {
        if let Some(open) = s.rfind('{') {
            let block = &s[open..];
            if heading.explicit_id.is_some() || block.starts_with("{#") || block.starts_with("{.") {
                s = s[..open].trim_end();
            }
        }
    }
    let without_closing = s.trim_end_matches('#');
    if without_closing.len() < s.len()
        && (without_closing.is_empty() || without_closing.ends_with([' ', '\t']))
    {
        s = without_closing.trim_end();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ids_kept_once_in_document_order() {
        let ids = ["b", "a", "b", "설치", "a", "c"];
        let anchors = Anchors::from_ids(ids.iter().map(|&id| nfc(id)).collect());
        let ordered: Vec<&str> = anchors.ordered.iter().map(|id| &**id).collect();
        assert_eq!(ordered, ["b", "a", "설치", "c"]);
        for id in ["a", "b", "c", "설치"] {
            assert!(anchors.contains(id), "{id}");
        }
        assert!(!anchors.contains("d") && !anchors.contains(""));
        // A decomposed Hangul fragment names the NFC id.
        assert!(anchors.contains(&"설치".nfd().collect::<String>()));
        assert!(Anchors::from_ids(Vec::new()).is_empty());
    }
    use crate::document::ParseOptions;
    use crate::source::SourceFile;

    fn doc(text: &str) -> Document {
        let source = SourceFile {
            path: "post.md".into(),
            display_path: "post.md".into(),
            text: text.to_string(),
        };
        Document::parse(source, &ParseOptions::default())
    }

    fn rules(style: SlugStyle) -> HeadingIdRules {
        HeadingIdRules {
            style,
            auto_ids: true,
            prefix: String::new(),
            unknown: false,
            attribute_lists: true,
            expansions: Arc::default(),
        }
    }

    #[test]
    fn heading_sources() {
        let d = doc("## Title ##\n\n# `code` and [link](x.md) {#id}\n\nSetext\n===\n");
        let sources: Vec<_> = d
            .markdown
            .headings
            .iter()
            .map(|h| heading_source(d.text(), h))
            .collect();
        assert_eq!(sources, ["Title", "`code` and [link](x.md)", "Setext"]);
    }

    #[test]
    fn ids_per_generator() {
        let d =
            doc("## 설치 방법\n\n## 설치 방법\n\n## [Link](a.md) text\n\n<a name=\"old\"></a>\n");
        let github = Anchors::of(&d, &rules(SlugStyle::GithubSlugger));
        assert!(github.contains("설치-방법") && github.contains("설치-방법-1"));
        assert!(github.contains("link-text") && github.contains("old"));
        // Plain kramdown slugs the heading's source, as the kramdown front end gives it.
        let plain = crate::document::kramdown::KramdownOptions {
            gfm: false,
            ..Default::default()
        };
        let d = Document::parse(
            SourceFile {
                path: "post.md".into(),
                display_path: "post.md".into(),
                text: "## 설치 방법\n\n## 설치 방법\n\n## [Link](a.md) text\n".into(),
            },
            &ParseOptions {
                dialect: crate::document::Dialect::Kramdown,
                kramdown: plain,
                ..ParseOptions::default()
            },
        );
        let kramdown = Anchors::of(&d, &rules(SlugStyle::Kramdown));
        assert!(kramdown.contains("section") && kramdown.contains("section-1"));
        assert!(kramdown.contains("linkamd-text"));
        assert_eq!(github.suggest("설치방법"), Some("설치-방법"));
    }

    #[test]
    fn decomposed_hangul_matches() {
        let d = doc("## 배경\n");
        let anchors = Anchors::of(&d, &rules(SlugStyle::GithubSlugger));
        let nfd: String = "배경".nfd().collect();
        assert!(anchors.contains(&nfd));
    }

    #[test]
    fn attribute_lists() {
        let d = doc("Para\n{: #para-id}\n\n```\n{: #in-code}\n```\n");
        let anchors = Anchors::of(&d, &rules(SlugStyle::KramdownGfm));
        assert!(anchors.contains("para-id"));
        assert!(!anchors.contains("in-code"));
    }
}
