//! One copy of each message and help text across the findings a run keeps: a site's
//! findings repeat a few texts (the same `stray-br` warning in every post) a great many times.

use crate::diagnostic::Diagnostic;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub(super) struct SharedText(Mutex<HashSet<Arc<str>>>);

impl SharedText {
    /// Points the texts of `diagnostics` at the copies already kept, keeping the new ones.
    pub(super) fn share(&self, diagnostics: &mut [Diagnostic]) {
        if diagnostics.is_empty() {
            return;
        }
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for d in diagnostics {
            d.message = one_copy(&mut kept, &d.message);
            if let Some(help) = &mut d.help {
                *help = one_copy(&mut kept, help);
            }
        }
    }
}

fn one_copy(kept: &mut HashSet<Arc<str>>, text: &Arc<str>) -> Arc<str> {
    match kept.get(&**text) {
        Some(copy) => copy.clone(),
        None => {
            kept.insert(text.clone());
            text.clone()
        }
    }
}
