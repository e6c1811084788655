//! `unused-directive`, reported once the other rules have run over a post: what each
//! `postlint-disable` comment silenced is only known then.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::directives::{Action, Suppressions};
use crate::document::Document;
use crate::rules::{self, unused_directive, RULES};
use crate::settings::Settings;
use std::collections::HashMap;

/// The offsets of the findings directives silenced in one post, by rule id.
#[derive(Default)]
pub(super) struct Silenced(HashMap<&'static str, Vec<usize>>);

impl Silenced {
    pub(super) fn add(&mut self, rule: &'static str, offset: usize) {
        self.0.entry(rule).or_default().push(offset);
    }
}

/// The `unused-directive` findings of `doc`, at their configured severity; none when the rule
/// is off there.
pub(super) fn unused(
    doc: &Document,
    settings: &Settings,
    site_path: Option<&str>,
    silenced: Silenced,
) -> Vec<Diagnostic> {
    let severity = settings.severity(unused_directive::META.id, site_path);
    if severity == Severity::Off || doc.suppressions.directives.is_empty() {
        return Vec::new();
    }
    let mut silenced = silenced.0;
    for offsets in silenced.values_mut() {
        offsets.sort_unstable();
    }
    // A rule that did not run cannot have been silenced: directives naming it are left alone.
    let ran = |id: &str| {
        rules::find(id).is_some_and(|(i, rule)| {
            settings.severity_at(i, site_path) != Severity::Off
                && (settings.online || !rules::online_only(rule.meta().id))
        })
    };
    let all_ran = RULES
        .iter()
        .filter(|r| r.meta().id != unused_directive::META.id)
        .all(|r| ran(r.meta().id));
    let mut out = Vec::new();
    for directive in &doc.suppressions.directives {
        let mut unknown = false;
        for (name, span) in &directive.rules {
            if rules::find(name).is_none() {
                unknown = true;
                out.push(unused_directive::unknown_rule(*span, name));
            }
        }
        let about_itself = directive
            .rules
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(unused_directive::META.id));
        if unknown || about_itself || directive.action == Action::Enable {
            continue;
        }
        let judged = if directive.rules.is_empty() {
            all_ran
        } else {
            directive.rules.iter().all(|(name, _)| ran(name))
        };
        if judged && !Suppressions::silenced_any(directive, &silenced) {
            let what = match directive.action {
                Action::NextLine => "no finding on the next line",
                Action::Line => "no finding on its line",
                Action::File => "no finding in the file",
                _ => "no finding in the region",
            };
            out.push(unused_directive::silences_nothing(directive.span, what));
        }
    }
    out.retain(|d| {
        !doc.suppressions
            .is_suppressed(unused_directive::META.id, d.span.start)
    });
    for d in &mut out {
        d.severity = severity;
    }
    out
}
