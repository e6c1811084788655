//! kramdown's attribute lists (`{: #id .class key="value" ref}`), read for what postlint needs:
//! the `id` they give an element and the definitions they refer to.

use super::tree::Ial;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
}

/// kramdown's `parse_attribute_list`, keeping the id and the references.
pub(super) fn parse(list: &str) -> Ial {
    let mut ial = Ial::default();
    let mut rest = list;
    loop {
        rest = rest.trim_start_matches(super::text::is_space);
        let Some(first) = rest.chars().next() else {
            break;
        };
        let token_end = if let Some(end) = key_value(rest, &mut ial) {
            end
        } else if first == '#' || first == '.' {
            let end = rest.find(super::text::is_space).unwrap_or(rest.len());
            ids_and_classes(&rest[..end], &mut ial);
            end
        } else {
            let end = rest.find(super::text::is_space).unwrap_or(rest.len());
            let token = &rest[..end];
            if token.chars().next().is_some_and(is_word)
                && token.chars().all(|c| is_word(c) || c == '-')
            {
                ial.refs.push(token.to_string());
            }
            end
        };
        rest = &rest[token_end.max(1).min(rest.len())..];
    }
    ial
}

/// `name="value"` or `name='value'` at the start of `text`: its length.
fn key_value(text: &str, ial: &mut Ial) -> Option<usize> {
    let name_end = text.find('=')?;
    let name = &text[..name_end];
    let mut chars = name.chars();
    if !chars.next().is_some_and(is_word) || !chars.all(|c| is_word(c) || c == '-') {
        return None;
    }
    let quote = text[name_end + 1..]
        .chars()
        .next()
        .filter(|q| *q == '"' || *q == '\'')?;
    let body_start = name_end + 2;
    let mut escaped = false;
    for (i, c) in text[body_start..].char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            if name == "id" {
                ial.id = Some(text[body_start..body_start + i].to_string());
            }
            return Some(body_start + i + 1);
        }
    }
    None
}

/// `#id.class#other`: the last id wins.
fn ids_and_classes(token: &str, ial: &mut Ial) {
    let mut rest = token;
    while let Some(first) = rest.chars().next() {
        let end = rest[1..].find(['#', '.']).map_or(rest.len(), |i| i + 1);
        let name = &rest[1..end];
        if first == '#' {
            let mut chars = name.chars();
            if chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| is_word(c) || c == ':' || c == '-')
            {
                ial.id = Some(name.to_string());
            }
        }
        rest = &rest[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_refs_and_values() {
        let ial = parse(" .lead #intro ref-a width=\"70%\"");
        assert_eq!(ial.id.as_deref(), Some("intro"));
        assert_eq!(ial.refs, ["ref-a"]);
        assert_eq!(parse("id=\"x y\"").id.as_deref(), Some("x y"));
        assert_eq!(parse("toc").refs, ["toc"]);
        assert!(parse("#1bad").id.is_none());
    }
}
