//! The real generators are the judge: postlint runs over every oracle site in
//! `fixtures/oracle/` and is held against the facts Jekyll, Hugo and Docusaurus recorded when
//! they built it (`scripts/oracle/README.md`). Every disagreement fails the test unless the
//! site's `<site>.gaps.json` lists it; a listed gap that no longer occurs fails it too, so the
//! list only shrinks. No generator is needed here: the facts are committed.

mod compare;
mod facts;
mod postlint_side;

use compare::{Disagreement, Inputs};
use postlint::CheckOptions;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[test]
fn postlint_agrees_with_the_generators() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/oracle");
    let sites = facts::sites(&dir);
    assert!(!sites.is_empty(), "no oracle sites in {}", dir.display());
    let mut report = String::new();
    let mut failed = 0;
    for site in &sites {
        let root = site.root.canonicalize().expect("site folder");
        let findings = postlint_side::findings(&root);
        let model = postlint::inspect(&root, &CheckOptions::default())
            .unwrap_or_else(|e| panic!("inspect {}: {e}", site.name));
        let paths: Vec<&str> = site.facts.pages.iter().map(|p| p.path.as_str()).collect();
        let fixed = postlint_side::fixed_texts(&root, &paths);
        let sources: HashMap<String, String> = paths
            .iter()
            .filter_map(|p| Some((p.to_string(), fs::read_to_string(root.join(p)).ok()?)))
            .collect();
        let found = compare::disagreements(&Inputs {
            facts: &site.facts,
            findings: &findings,
            model: &model,
            fixed: &fixed,
            sources: &sources,
        });
        let (open, stale) = without_known_gaps(found, &site.gaps);
        let gaps_file = format!("fixtures/oracle/{}.gaps.json", site.name);
        for d in &open {
            let _ = writeln!(report, "{} {d}", site.name);
        }
        for gap in &stale {
            let _ = writeln!(
                report,
                "{} {}:{}: {}: listed in {gaps_file} but no longer occurs: remove it",
                site.name,
                gap.path,
                gap.line.map_or(String::new(), |l| l.to_string()),
                gap.what
            );
        }
        failed += open.len() + stale.len();
        eprintln!(
            "oracle {} ({}): {} pages, {} known gaps, {} new disagreements",
            site.name,
            site.facts.generator,
            site.facts.pages.len(),
            site.gaps.len() - stale.len(),
            open.len()
        );
    }
    assert!(
        failed == 0,
        "postlint disagrees with the generators {failed} times (fix postlint, or list the gap \
         with its reason in fixtures/oracle/<site>.gaps.json):\n{report}"
    );
}

/// Splits the disagreements into those no gap lists, and the gaps nothing matched.
fn without_known_gaps(
    found: Vec<Disagreement>,
    gaps: &[facts::Gap],
) -> (Vec<Disagreement>, Vec<&facts::Gap>) {
    for g in gaps {
        assert!(
            !g.reason.trim().is_empty() && !g.follow_up.trim().is_empty(),
            "known gap {}:{:?} {} needs a reason and a follow-up",
            g.path,
            g.line,
            g.what
        );
    }
    let mut used = vec![false; gaps.len()];
    let open = found
        .into_iter()
        .filter(|d| {
            let hit = gaps
                .iter()
                .position(|g| g.path == d.path && g.line == d.line && g.what == d.what);
            if let Some(i) = hit {
                used[i] = true;
            }
            hit.is_none()
        })
        .collect();
    let stale = gaps
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(g, _)| g)
        .collect();
    (open, stale)
}
