//! Inline `<!-- postlint-disable… -->` comments (or `{/* postlint-disable… */}` in MDX) and the
//! regions they silence.

use crate::limits::MAX_DIRECTIVES;
use crate::source::{LineIndex, Span, SpanSet};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"<!--\s*postlint-(disable-next-line|disable|enable)\b((?:[^-]|-[^-])*)-->|\{/\*\s*postlint-(disable-next-line|disable|enable)\b((?:[^*]|\*[^/])*)\*/\}",
    )
    .expect("valid regex")
});

/// `None` means every rule.
type RuleSet = Option<Vec<String>>;

#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    /// Regions where every rule is silent.
    all: SpanSet,
    /// Regions where some rules are silent, by rule id.
    by_rule: HashMap<String, SpanSet>,
    /// The post has more than [`MAX_DIRECTIVES`] directives; none is honoured.
    pub(crate) over_limit: bool,
}

impl Suppressions {
    /// Finds the directives in `text`, ignoring any inside `code`.
    pub(crate) fn parse(text: &str, code: &SpanSet) -> Self {
        let mut regions = Vec::new();
        let mut open: Vec<(usize, RuleSet)> = Vec::new();
        let mut lines: Option<LineIndex> = None;
        let mut found = 0;
        for caps in DIRECTIVE.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            if code.contains(whole.start()) {
                continue;
            }
            if found == MAX_DIRECTIVES {
                // An `enable` scans the open `disable`s: bounded so that no post costs n².
                return Self {
                    over_limit: true,
                    ..Self::default()
                };
            }
            found += 1;
            let names: Vec<String> = caps
                .get(2)
                .or_else(|| caps.get(4))
                .map_or("", |m| m.as_str())
                .split([',', ' ', '\t', '\n'])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let rules = (!names.is_empty()).then_some(names);
            match caps
                .get(1)
                .or_else(|| caps.get(3))
                .map_or("", |m| m.as_str())
            {
                "disable-next-line" => {
                    let lines = lines.get_or_insert_with(|| LineIndex::new(text));
                    let next = lines.line_of(whole.end()) + 1;
                    let line_start = lines.line_start(next).unwrap_or(text.len());
                    let line_end = lines
                        .line_start(next + 1)
                        .map_or(text.len(), |s| s - 1)
                        .max(line_start);
                    regions.push((Span::new(line_start, line_end + 1), rules));
                }
                "disable" => open.push((whole.start(), rules)),
                _ => close(&mut open, &mut regions, rules.as_deref(), whole.end()),
            }
        }
        for (start, rules) in open {
            regions.push((Span::new(start, usize::MAX), rules));
        }
        Self::index(regions)
    }

    fn index(regions: Vec<(Span, RuleSet)>) -> Self {
        let mut all = Vec::new();
        let mut by_rule: HashMap<String, Vec<Span>> = HashMap::new();
        for (span, rules) in regions {
            match rules {
                None => all.push(span),
                Some(rules) => {
                    for rule in rules {
                        by_rule.entry(rule).or_default().push(span);
                    }
                }
            }
        }
        Self {
            all: SpanSet::new(all),
            by_rule: by_rule
                .into_iter()
                .map(|(rule, spans)| (rule, SpanSet::new(spans)))
                .collect(),
            over_limit: false,
        }
    }

    pub(crate) fn is_suppressed(&self, rule: &str, offset: usize) -> bool {
        self.all.contains(offset) || self.by_rule.get(rule).is_some_and(|s| s.contains(offset))
    }
}

/// An `enable` closes the open `disable`s it names (all of them when it names none).
fn close(
    open: &mut Vec<(usize, RuleSet)>,
    regions: &mut Vec<(Span, RuleSet)>,
    rules: Option<&[String]>,
    at: usize,
) {
    open.retain(|(start, disabled)| {
        let closes = match (rules, disabled) {
            (None, _) => true,
            (Some(enabled), Some(disabled)) => disabled.iter().all(|d| enabled.contains(d)),
            (Some(_), None) => false,
        };
        if closes {
            regions.push((Span::new(*start, at), disabled.clone()));
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
    fn mdx_comments() {
        let text = "{/* postlint-disable-next-line mdx-syntax */}
a <br>
b <br>
";
        let s = Suppressions::parse(text, &SpanSet::default());
        assert!(s.is_suppressed("mdx-syntax", text.find("a <br>").unwrap() + 2));
        assert!(!s.is_suppressed("mdx-syntax", text.find("b <br>").unwrap() + 2));
    }
}
