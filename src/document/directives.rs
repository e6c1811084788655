//! Inline `<!-- postlint-disable… -->` comments and the regions they silence.

use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*postlint-(disable-next-line|disable|enable)\b((?:[^-]|-[^-])*)-->")
        .expect("valid regex")
});

/// `None` means every rule.
type RuleSet = Option<Vec<String>>;

#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    regions: Vec<(Span, RuleSet)>,
}

impl Suppressions {
    /// Finds the directives in `text`, ignoring any inside `code` spans.
    pub(crate) fn parse(text: &str, code: &[Span]) -> Self {
        let mut regions = Vec::new();
        let mut open: Vec<(usize, RuleSet)> = Vec::new();
        for caps in DIRECTIVE.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            if code.iter().any(|c| c.contains(whole.start())) {
                continue;
            }
            let names: Vec<String> = caps
                .get(2)
                .map_or("", |m| m.as_str())
                .split([',', ' ', '\t', '\n'])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let rules = (!names.is_empty()).then_some(names);
            match caps.get(1).map_or("", |m| m.as_str()) {
                "disable-next-line" => {
                    let line_start = text[whole.end()..]
                        .find('\n')
                        .map_or(text.len(), |i| whole.end() + i + 1);
                    let line_end = text[line_start..]
                        .find('\n')
                        .map_or(text.len(), |i| line_start + i);
                    regions.push((Span::new(line_start, line_end.max(line_start) + 1), rules));
                }
                "disable" => open.push((whole.start(), rules)),
                _ => close(&mut open, &mut regions, rules.as_deref(), whole.end()),
            }
        }
        for (start, rules) in open {
            regions.push((Span::new(start, usize::MAX), rules));
        }
        Self { regions }
    }

    pub(crate) fn is_suppressed(&self, rule: &str, offset: usize) -> bool {
        self.regions.iter().any(|(span, rules)| {
            span.contains(offset) && rules.as_ref().is_none_or(|r| r.iter().any(|x| x == rule))
        })
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
        let s = Suppressions::parse(text, &[]);
        let a = text.find("a <br>").unwrap();
        let b = text.find("b <br>").unwrap();
        assert!(s.is_suppressed("stray-br", a + 2));
        assert!(!s.is_suppressed("image-alt", a + 2));
        assert!(!s.is_suppressed("stray-br", b + 2));
        assert!(s.is_suppressed("image-alt", text.find("\nc\n").unwrap() + 1));
        assert!(!s.is_suppressed("image-alt", text.find("\nd\n").unwrap() + 1));
    }
}
