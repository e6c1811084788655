//! `unreadable-file`: a post that is not UTF-8 text, cannot be read or is over a ceiling, and a
//! folder the walk could not read. The runner reports it,
//! since no document exists for the other rules to check.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: super::UNREADABLE_FILE,
    default_severity: Severity::Error,
    fixable: false,
    summary: "a post (or folder) that cannot be read as UTF-8 text or is over a size ceiling",
    doc: include_str!("../../rules/unreadable-file.md"),
};

pub struct UnreadableFile;

impl Rule for UnreadableFile {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Documents only exist for readable files; see `runner::read_and_parse`.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
