//! Did-you-mean: the known word a misspelt or wrong-case one most likely meant.

/// How a suggestion relates to the word written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likeness {
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
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<(&'a str, Likeness)>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_lowercase();
    let len = lower.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    let mut case_match: Option<&'a str> = None;
    for candidate in candidates {
        if !crate::spelling::spend() {
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
mod tests {
    use super::*;

    const KEYS: &[&str] = &["categories", "date", "series", "tags", "title", "image"];

    fn suggest(word: &str) -> Option<&'static str> {
        closest(word, KEYS.iter().copied()).map(|(c, _)| c)
    }

    #[test]
    fn real_misspellings() {
        assert_eq!(suggest("categroies"), Some("categories"));
        assert_eq!(suggest("seires"), Some("series"));
        assert_eq!(suggest("Date"), Some("date"));
        assert_eq!(suggest("tag"), Some("tags"));
        assert_eq!(
            closest("Date", KEYS.iter().copied()).map(|(_, l)| l),
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
            closest("데이타", tags.iter().copied()).map(|(c, _)| c),
            None,
            "3 characters: only extensions"
        );
        let tags = ["데이터엔지니어링"];
        assert_eq!(
            closest("데이터엔지니링", tags.iter().copied()).map(|(c, _)| c),
            Some("데이터엔지니어링")
        );
    }
}
