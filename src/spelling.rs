//! "Did you mean …?": the closest of a set of known names to a misspelt one — paths, anchors
//! and routes by edit distance ([`closest`], [`NameIndex`]), front matter keys, tags and authors
//! by a stricter measure that tells letter case from typos ([`closest_word`]).

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
pub(crate) fn with_budget<T>(comparisons: usize, check: impl FnOnce() -> T) -> T {
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
pub(crate) fn closest<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
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
pub(crate) struct NameIndex {
    names: Vec<String>,
    by_prefix: HashMap<String, Vec<usize>>,
    by_suffix: HashMap<String, Vec<usize>>,
}

impl NameIndex {
    const SCAN_ALL: usize = 2000;
    const AFFIX: usize = 8;

    pub(crate) fn new(mut names: Vec<String>) -> Self {
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

    pub(crate) fn closest(&self, wanted: &str) -> Option<&str> {
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
/// How a suggestion relates to the word written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Likeness {
    /// The same word in another letter case (`Date` for `date`).
    Case,
    /// A small edit away (`categroies` for `categories`).
    Typo,
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
///
/// Letter case alone wins first. Otherwise the optimal string alignment distance (a swap of
/// two neighbours counts as one edit), on lower-cased text, must be at most 1 for words up to
/// 5 characters and 2 beyond; a word of 3 characters or fewer only matches a candidate that
/// extends it by one character (`tag` → `tags`), since short words are all near each other.
/// Ties go to the alphabetically first candidate, so results do not depend on input order.
pub(crate) fn closest_word<'a, I>(word: &str, candidates: I) -> Option<(&'a str, Likeness)>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_lowercase();
    let len = lower.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    let mut case_match: Option<&'a str> = None;
    for candidate in candidates {
        if !spend() {
            return None;
        }
        if candidate == word {
            return None;
        }
        let candidate_lower = candidate.to_lowercase();
        if candidate_lower == lower {
            if case_match.is_none_or(|c| candidate < c) {
                case_match = Some(candidate);
            }
            continue;
        }
        let distance = strsim::osa_distance(&lower, &candidate_lower);
        let limit = match len {
            0..=3 => usize::from(
                candidate_lower.starts_with(&lower) && candidate_lower.chars().count() == len + 1,
            ),
            4..=5 => 1,
            _ => 2,
        };
        if distance > limit {
            continue;
        }
        let better = match best {
            None => true,
            Some((d, c)) => distance < d || (distance == d && candidate < c),
        };
        if better {
            best = Some((distance, candidate));
        }
    }
    case_match
        .map(|c| (c, Likeness::Case))
        .or(best.map(|(_, c)| (c, Likeness::Typo)))
}

#[cfg(test)]
pub(crate) fn levenshtein(a: &str, b: &str, limit: usize) -> usize {
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

    const KEYS: &[&str] = &["categories", "date", "series", "tags", "title", "image"];

    fn suggest(word: &str) -> Option<&'static str> {
        closest_word(word, KEYS.iter().copied()).map(|(c, _)| c)
    }

    #[test]
    fn real_misspellings() {
        assert_eq!(suggest("categroies"), Some("categories"));
        assert_eq!(suggest("seires"), Some("series"));
        assert_eq!(suggest("Date"), Some("date"));
        assert_eq!(suggest("tag"), Some("tags"));
        assert_eq!(
            closest_word("Date", KEYS.iter().copied()).map(|(_, l)| l),
            Some(Likeness::Case)
        );
    }

    #[test]
    fn far_or_short_words_get_nothing() {
        assert_eq!(suggest("keywords"), None);
        assert_eq!(suggest("pin"), None);
        assert_eq!(suggest("toc"), None);
        assert_eq!(suggest("date"), None);
        assert_eq!(suggest("cSpell"), None);
    }

    #[test]
    fn korean_words_count_characters() {
        let tags = ["데이터", "회고"];
        assert_eq!(
            closest_word("데이타", tags.iter().copied()).map(|(c, _)| c),
            None,
            "3 characters: only extensions"
        );
        let tags = ["데이터엔지니어링"];
        assert_eq!(
            closest_word("데이터엔지니링", tags.iter().copied()).map(|(c, _)| c),
            Some("데이터엔지니어링")
        );
    }
}
