//! `unreadable-file`: a post that is not UTF-8 text, cannot be read or is over a ceiling, and a
//! folder the walk could not read. The runner reports it with [`diagnostic`] (no document, or
//! none checked, exists for it), under the same severity, select, ignore and override settings
//! as any rule.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::source::Span;

/// The finding for a file the runner could not read or check: `offset` is the first byte that
/// is not UTF-8 (0 when the file could not be read at all), `help` what to do.
pub(crate) fn diagnostic(offset: usize, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(META.id, Span::new(offset, offset), message).with_help(help)
}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "unreadable-file",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a post (or folder) that cannot be read as UTF-8 text or is over a size ceiling",
    doc: include_str!("../../rules/unreadable-file.md"),
};

pub(crate) struct UnreadableFile;

impl Rule for UnreadableFile {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Documents only exist for readable files.
    fn check(&self, _: &Ctx<'_>, _: &NoOptions, _: &mut Vec<Diagnostic>) {}
}
