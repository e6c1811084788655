//! "Did you mean …?": the closest of a set of known names to a misspelt one.

use std::cell::Cell;
use std::collections::HashMap;

thread_local! {
    /// Comparisons left for the post being checked on this thread; `None`: no limit.
    static BUDGET: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Runs `check` (one post's rules, on this thread) with at most `comparisons` did-you-mean
/// candidates compared in all: a post with twenty thousand misspelt anchors among twenty
/// thousand headings must not cost their product. Past the budget, no suggestion is made
/// (findings keep their generic help); the order of a post's rules is fixed, so which findings
/// get one does not depend on threads.
pub fn with_budget<T>(comparisons: usize, check: impl FnOnce() -> T) -> T {
    let saved = BUDGET.replace(Some(comparisons));
    let out = check();
    BUDGET.set(saved);
    out
}

/// Takes one comparison from the budget; `false` once it is spent.
pub(crate) fn spend() -> bool {
    BUDGET.with(|budget| match budget.get() {
        None => true,
        Some(0) => false,
        Some(n) => {
            budget.set(Some(n - 1));
            true
        }
    })
}

/// The candidate closest to `wanted` by edit distance (in characters), if it is close enough
/// to be a likely typo: at most a third of the longer name's length, and never more than 4.
/// A candidate equal except for letter case always wins.
pub fn closest<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted_chars: Vec<char> = wanted.chars().collect();
    let mut scratch = Scratch::default();
    let mut candidate_chars = Vec::new();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if !spend() {
            return None;
        }
        // Cheap rejections first: sites have thousands of names and few are close.
        if candidate.len().abs_diff(wanted.len()) > 4 * 4 || candidate == wanted {
            continue;
        }
        if candidate.chars().count().abs_diff(wanted_chars.len()) > 4 {
            continue;
        }
        candidate_chars.clear();
        candidate_chars.extend(candidate.chars());
        let len = wanted_chars.len().max(candidate_chars.len());
        let limit = (len / 3).clamp(1, 4);
        if candidate_chars.len().abs_diff(wanted_chars.len()) > limit {
            continue;
        }
        if candidate_chars.len() == wanted_chars.len()
            && same_but_case(&wanted_chars, &candidate_chars)
        {
            return Some(candidate);
        }
        let bound = best.map_or(limit, |(d, _)| d.saturating_sub(1).min(limit));
        let distance = scratch.distance(&wanted_chars, &candidate_chars, bound);
        if distance <= bound && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Names to suggest from, indexed so that a site with tens of thousands of posts does not
/// compare every one of them with every misspelt link.
///
/// Up to [`NameIndex::SCAN_ALL`] names are all compared. Beyond that, only names that share
/// their first or their last [`NameIndex::AFFIX`] characters with the wanted one are: a typo
/// rarely touches both ends of a name (`2021-…-slug.md` for `2022-…-slug.md`, `…-draft`).
#[derive(Debug, Default)]
pub struct NameIndex {
    names: Vec<String>,
    by_prefix: HashMap<String, Vec<usize>>,
    by_suffix: HashMap<String, Vec<usize>>,
}

impl NameIndex {
    const SCAN_ALL: usize = 2000;
    const AFFIX: usize = 8;

    pub fn new(mut names: Vec<String>) -> Self {
        names.sort_unstable();
        names.dedup();
        let mut index = NameIndex {
            names,
            ..NameIndex::default()
        };
        if index.names.len() > Self::SCAN_ALL {
            for (i, name) in index.names.iter().enumerate() {
                let (prefix, suffix) = affixes(name);
                index.by_prefix.entry(prefix).or_default().push(i);
                index.by_suffix.entry(suffix).or_default().push(i);
            }
        }
        index
    }

    pub fn closest(&self, wanted: &str) -> Option<&str> {
        if self.names.len() <= Self::SCAN_ALL {
            return closest(wanted, self.names.iter().map(String::as_str));
        }
        let (prefix, suffix) = affixes(wanted);
        let mut candidates: Vec<usize> = self
            .by_prefix
            .get(&prefix)
            .into_iter()
            .chain(self.by_suffix.get(&suffix))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        closest(wanted, candidates.iter().map(|&i| self.names[i].as_str()))
    }
}

fn affixes(name: &str) -> (String, String) {
    let count = name.chars().count();
    let prefix = name.chars().take(NameIndex::AFFIX).collect();
    let suffix = name
        .chars()
        .skip(count.saturating_sub(NameIndex::AFFIX))
        .collect();
    (prefix, suffix)
}

fn same_but_case(a: &[char], b: &[char]) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| x == y || x.to_lowercase().eq(y.to_lowercase()))
}

/// Edit distance between `a` and `b` in characters; stops early and returns `limit + 1` once
/// the distance is known to exceed `limit`.
#[cfg(test)]
pub fn levenshtein(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    Scratch::default().distance(&a, &b, limit)
}

/// Reusable rows for [`levenshtein`].
#[derive(Default)]
struct Scratch {
    previous: Vec<usize>,
    current: Vec<usize>,
}

impl Scratch {
    /// Levenshtein distance computed only in the band `|i - j| <= limit`, capped at
    /// `limit + 1`.
    fn distance(&mut self, a: &[char], b: &[char], limit: usize) -> usize {
        if a.len().abs_diff(b.len()) > limit {
            return limit + 1;
        }
        let over = limit + 1;
        self.previous.clear();
        self.previous.extend((0..=b.len()).map(|j| j.min(over)));
        self.current.clear();
        self.current.resize(b.len() + 1, over);
        for (i, ca) in a.iter().enumerate() {
            let row = i + 1;
            let lo = row.saturating_sub(limit).max(1);
            let hi = (row + limit).min(b.len());
            self.current[0] = row.min(over);
            self.current[lo - 1] = if lo == 1 { row.min(over) } else { over };
            let mut row_min = self.current[lo - 1];
            for j in lo..=hi {
                let cost = usize::from(*ca != b[j - 1]);
                let value = (self.previous[j - 1] + cost)
                    .min(self.previous[j] + 1)
                    .min(self.current[j - 1] + 1)
                    .min(over);
                self.current[j] = value;
                row_min = row_min.min(value);
            }
            if hi < b.len() {
                self.current[hi + 1] = over;
            }
            if row_min > limit {
                return over;
            }
            std::mem::swap(&mut self.previous, &mut self.current);
        }
        self.previous[b.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(levenshtein("kitten", "sitting", 10), 3);
        assert_eq!(levenshtein("kitten", "sitting", 3), 3);
        assert_eq!(levenshtein("kitten", "sitting", 2), 3);
        assert_eq!(levenshtein("abcdef", "abcxef", 1), 1);
        assert_eq!(levenshtein("flaw", "lawn", 2), 2);
        assert_eq!(levenshtein("", "ab", 4), 2);
        assert_eq!(levenshtein("same", "same", 1), 0);
        assert_eq!(levenshtein("설치방법", "설치-방법", 10), 1);
        assert_eq!(levenshtein("abc", "abcdefgh", 2), 3);
    }

    fn full(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut next = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                next[j + 1] = (row[j] + usize::from(ca != cb))
                    .min(row[j + 1] + 1)
                    .min(next[j] + 1);
            }
            row = next;
        }
        row[b.len()]
    }

    proptest::proptest! {
        #[test]
        fn banded_distance_is_exact_within_the_limit(
            a in "[ab가-]{0,9}", b in "[ab가-]{0,9}", limit in 0usize..5
        ) {
            let exact = full(&a, &b);
            let expected = if exact <= limit { exact } else { limit + 1 };
            proptest::prop_assert_eq!(levenshtein(&a, &b, limit), expected);
        }
    }

    #[test]
    fn large_indexes_compare_names_sharing_an_end() {
        let mut names: Vec<String> = (0..5000)
            .map(|i| format!("2022-01-01-post-{i}.md"))
            .collect();
        names.push("2022-11-20-devfest-review.md".into());
        let index = NameIndex::new(names);
        assert_eq!(
            index.closest("2021-11-20-devfest-review.md"),
            Some("2022-11-20-devfest-review.md")
        );
        assert_eq!(
            index.closest("2022-11-20-devfest-reveiw.md"),
            Some("2022-11-20-devfest-review.md")
        );
        assert_eq!(
            index.closest("2022-01-01-post-12x.md"),
            Some("2022-01-01-post-12.md")
        );
        assert_eq!(index.closest("something-else-entirely.md"), None);
    }

    #[test]
    fn the_budget_bounds_comparisons() {
        let names = ["alpha", "beta", "gamma"];
        assert_eq!(with_budget(3, || closest("gamm", names)), Some("gamma"));
        assert_eq!(with_budget(2, || closest("gamm", names)), None);
        let twice = with_budget(4, || [closest("gamm", names), closest("gamm", names)]);
        assert_eq!(twice, [Some("gamma"), None]);
        assert_eq!(
            closest("gamm", names),
            Some("gamma"),
            "no budget outside a check"
        );
    }

    #[test]
    fn closest_names() {
        let ids = ["배경", "설치-방법", "설치-방법-1", "results"];
        assert_eq!(closest("설치방법", ids), Some("설치-방법"));
        assert_eq!(closest("Results", ids), Some("results"));
        assert_eq!(closest("no-such-heading", ids), None);
    }
}
