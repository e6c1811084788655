//! `unused-directive`: a `postlint-disable…` comment that names a rule postlint does not have,
//! or that silences nothing. The runner reports it with [`unknown_rule`] and [`silences_nothing`]
//! once every other rule has run over the post (only then is it known what was silenced).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::source::Span;

/// A rule name in a directive that is no rule id.
pub(crate) fn unknown_rule(span: Span, name: &str) -> Diagnostic {
    let message = crate::rules::unknown_rule_message(name);
    let (message, help) = match message.split_once("; ") {
        Some((m, h)) => (m.to_string(), h.to_string()),
        None => (message, String::new()),
    };
    let help = if help.starts_with("did you mean") {
        help
    } else {
        "name a rule that `postlint rules` lists".to_string()
    };
    Diagnostic::new(META.id, span, format!("directive names {message}")).with_help(help)
}

/// A directive under which no finding was silenced.
pub(crate) fn silences_nothing(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(META.id, span, format!("directive silences nothing: {what}"))
        .with_help("remove the comment, or move it next to the finding it is meant for")
}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "unused-directive",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "a `postlint-disable` comment that names an unknown rule or silences nothing",
    doc: include_str!("../../rules/unused-directive.md"),
};

pub(crate) struct UnusedDirective;

impl Rule for UnusedDirective {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// What a directive silenced is only known once the other rules ran: the runner reports.
    fn check(&self, _: &Ctx<'_>, _: &NoOptions, _: &mut Vec<Diagnostic>) {}
}
