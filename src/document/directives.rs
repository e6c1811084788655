//! Inline `<!-- postlint-disable… -->` comments (or `{/* postlint-disable… */}` in MDX), the
//! regions they silence, and which of them silenced something.
//!
//! Forms: `disable-next-line`, `disable-line` (the comment's own line), `disable-file`, and
//! `disable` … `enable` regions; each names rules (comma- or space-separated, any letter case) or
//! none (every rule).

use crate::limits::MAX_DIRECTIVES;
use crate::source::{LineIndex, Span, SpanSet};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The HTML comment form, valid in every dialect.
static HTML_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"<!--\s*postlint-(disable-next-line|disable-line|disable-file|disable|enable)\b((?:[^-]|-[^-])*)-->",
    )
    .expect("valid regex")
});

/// The MDX expression comment form: `{/* postlint-disable-next-line stray-br */}`.
static MDX_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\{\s*/\*\s*postlint-(disable-next-line|disable-line|disable-file|disable|enable)\b((?:[^*]|\*[^/])*)\*/\s*\}",
    )
    .expect("valid regex")
});

/// What one comment does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    NextLine,
    Line,
    File,
    Disable,
    Enable,
}

/// One directive comment as written.
#[derive(Debug)]
pub(crate) struct Directive {
    pub(crate) action: Action,
    /// The whole comment.
    pub(crate) span: Span,
    /// The rule names as written (with their spans); empty: every rule.
    pub(crate) rules: Vec<(String, Span)>,
    /// What it silences (for `enable`: nothing).
    regions: Vec<Span>,
}

#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    /// Regions where every rule is silent.
    all: SpanSet,
    /// Regions where some rules are silent, by lower-cased rule id.
    by_rule: HashMap<String, SpanSet>,
    /// Every directive, in source order.
    pub(crate) directives: Vec<Directive>,
    /// The post has more than [`MAX_DIRECTIVES`] directives; none is honoured.
    pub(crate) over_limit: bool,
}

impl Suppressions {
    /// Finds the directives in `text` (both forms) outside `not_prose` (code, skipped template
    /// regions; the MDX front end does not skip comments, which may hold directives).
    pub(crate) fn parse(text: &str, not_prose: &SpanSet) -> Self {
        let mut found: Vec<(Action, Span, &str, usize)> = Vec::new();
        let all = HTML_DIRECTIVE
            .captures_iter(text)
            .chain(MDX_DIRECTIVE.captures_iter(text))
            .filter(|c| c.get(0).is_some_and(|m| !not_prose.contains(m.start())));
        for caps in all {
            if found.len() == MAX_DIRECTIVES {
                // An `enable` scans the open `disable`s: bounded so that no post costs n².
                return Self {
                    over_limit: true,
                    ..Self::default()
                };
            }
            let (Some(whole), Some(action), Some(names)) = (caps.get(0), caps.get(1), caps.get(2))
            else {
                continue;
            };
            let action = match action.as_str() {
                "disable-next-line" => Action::NextLine,
                "disable-line" => Action::Line,
                "disable-file" => Action::File,
                "disable" => Action::Disable,
                _ => Action::Enable,
            };
            let span = Span::new(whole.start(), whole.end());
            found.push((action, span, names.as_str(), names.start()));
        }
        found.sort_by_key(|(_, span, _, _)| span.start);
        let mut lines: Option<LineIndex> = None;
        let mut directives: Vec<Directive> = Vec::with_capacity(found.len());
        let mut open: Vec<usize> = Vec::new();
        for (action, span, names, names_start) in found {
            let rules = rule_names(names, names_start);
            let mut regions = Vec::new();
            match action {
                Action::NextLine | Action::Line => {
                    let lines = lines.get_or_insert_with(|| LineIndex::new(text));
                    let own = lines.line_of(span.end.saturating_sub(1));
                    let line = if action == Action::NextLine {
                        own + 1
                    } else {
                        lines.line_of(span.start)
                    };
                    let last = if action == Action::NextLine {
                        line
                    } else {
                        own
                    };
                    let start = lines.line_start(line).unwrap_or(text.len());
                    let end = lines.line_start(last + 1).unwrap_or(text.len() + 1);
                    regions.push(Span::new(start, end.max(start)));
                }
                Action::File => regions.push(Span::new(0, usize::MAX)),
                Action::Disable => open.push(directives.len()),
                Action::Enable => close(&mut open, &mut directives, &rules, span.end),
            }
            directives.push(Directive {
                action,
                span,
                rules,
                regions,
            });
        }
        for i in open {
            let start = directives[i].span.start;
            directives[i].regions.push(Span::new(start, usize::MAX));
        }
        Self::index(directives)
    }

    fn index(directives: Vec<Directive>) -> Self {
        let mut all = Vec::new();
        let mut by_rule: HashMap<String, Vec<Span>> = HashMap::new();
        for d in &directives {
            if d.rules.is_empty() {
                all.extend(d.regions.iter().copied());
            }
            for (rule, _) in &d.rules {
                by_rule
                    .entry(rule.to_ascii_lowercase())
                    .or_default()
                    .extend(d.regions.iter().copied());
            }
        }
        Self {
            all: SpanSet::new(all),
            by_rule: by_rule
                .into_iter()
                .map(|(rule, spans)| (rule, SpanSet::new(spans)))
                .collect(),
            directives,
            over_limit: false,
        }
    }

    pub(crate) fn is_suppressed(&self, rule: &str, offset: usize) -> bool {
        self.all.contains(offset) || self.by_rule.get(rule).is_some_and(|s| s.contains(offset))
    }

    /// Whether `directive` silenced one of `silenced` (offsets of silenced findings by rule id,
    /// each list sorted).
    pub(crate) fn silenced_any(
        directive: &Directive,
        silenced: &HashMap<&str, Vec<usize>>,
    ) -> bool {
        let in_region = |offsets: &Vec<usize>| {
            directive.regions.iter().any(|r| {
                let i = offsets.partition_point(|&o| o < r.start);
                offsets.get(i).is_some_and(|&o| o < r.end)
            })
        };
        if directive.rules.is_empty() {
            return silenced.values().any(in_region);
        }
        directive.rules.iter().any(|(name, _)| {
            silenced
                .iter()
                .any(|(rule, offsets)| rule.eq_ignore_ascii_case(name) && in_region(offsets))
        })
    }
}

/// The rule names of a directive, with their spans in the text.
fn rule_names(names: &str, start: usize) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in names.split([',', ' ', '\t', '\n', '\r']) {
        if !part.is_empty() {
            let from = start + at;
            out.push((part.to_string(), Span::new(from, from + part.len())));
        }
        at += part.len() + 1;
    }
    out
}

/// An `enable` closes the open `disable`s it names (all of them when it names none).
fn close(open: &mut Vec<usize>, directives: &mut [Directive], rules: &[(String, Span)], at: usize) {
    open.retain(|&i| {
        let disabled = &directives[i].rules;
        let closes = match (rules.is_empty(), disabled.is_empty()) {
            (true, _) => true,
            (false, false) => disabled
                .iter()
                .all(|(d, _)| rules.iter().any(|(r, _)| r.eq_ignore_ascii_case(d))),
            (false, true) => false,
        };
        if closes {
            let start = directives[i].span.start;
            directives[i].regions.push(Span::new(start, at));
        }
        !closes
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_and_regions() {
        let text = "<!-- postlint-disable-next-line stray-br -->\na <br>\nb <br>\n\
                    <!-- postlint-disable -->\nc\n<!-- postlint-enable -->\nd\n";
        let s = Suppressions::parse(text, &SpanSet::default());
        let a = text.find("a <br>").unwrap();
        let b = text.find("b <br>").unwrap();
        assert!(s.is_suppressed("stray-br", a + 2));
        assert!(!s.is_suppressed("image-alt", a + 2));
        assert!(!s.is_suppressed("stray-br", b + 2));
        assert!(s.is_suppressed("image-alt", text.find("\nc\n").unwrap() + 1));
        assert!(!s.is_suppressed("image-alt", text.find("\nd\n").unwrap() + 1));
    }

    #[test]
    fn same_line_file_and_mdx_forms() {
        let text = "a <br> <!-- postlint-disable-line Stray-BR -->\nb <br>\n\
                    {/* postlint-disable-next-line stray-br */}\nc <br>\n";
        let s = Suppressions::parse(text, &SpanSet::default());
        assert!(s.is_suppressed("stray-br", 2));
        assert!(!s.is_suppressed("stray-br", text.find("b <br>").unwrap()));
        assert!(s.is_suppressed("stray-br", text.find("c <br>").unwrap() + 2));

        let file = "x\n<!-- postlint-disable-file image-alt -->\ny\n";
        let s = Suppressions::parse(file, &SpanSet::default());
        assert!(s.is_suppressed("image-alt", 0) && s.is_suppressed("image-alt", file.len()));
        assert!(!s.is_suppressed("stray-br", 0));
    }

    #[test]
    fn mdx_comments() {
        let text = "{/* postlint-disable-next-line mdx-syntax */}\na <br>\nb <br>\n";
        let s = Suppressions::parse(text, &SpanSet::default());
        assert!(s.is_suppressed("mdx-syntax", text.find("a <br>").unwrap() + 2));
        assert!(!s.is_suppressed("mdx-syntax", text.find("b <br>").unwrap() + 2));
    }
}
