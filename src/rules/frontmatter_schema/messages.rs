//! Turns the validator's errors into findings a person understands, each at the span of the
//! key or value it is about: ``expected a list of strings for `tags`, found a string``.

use crate::document::front_matter::{FmNode, FmValue};
use crate::source::Span;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::{Location, LocationSegment};
use jsonschema::ValidationError;
use serde_json::Value;

/// One problem in a post's front matter.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Finding {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// What the conversion needs to know about the post and the schema.
pub(super) struct Post<'a> {
    pub schema: &'a Value,
    pub root: Option<&'a FmNode>,
    /// Where findings about the whole front matter point (its opening line).
    pub anchor: Span,
    /// Top-level keys matched without letter case (Hugo).
    pub case_insensitive: bool,
}

/// A place in the front matter an instance path leads to.
struct Place<'a> {
    /// `tags[1]`, `header.image`; empty for the whole front matter.
    path: String,
    key_span: Option<Span>,
    node: Option<&'a FmNode>,
}

impl Place<'_> {
    fn span(&self, anchor: Span) -> Span {
        match (self.node, self.key_span) {
            (Some(node), _) if !node.span.is_empty() && !self.path.is_empty() => node.span,
            (_, Some(key)) => key,
            _ => anchor,
        }
    }

    fn display(&self) -> String {
        if self.path.is_empty() {
            "front matter".to_string()
        } else {
            format!("`{}`", self.path)
        }
    }

    fn found(&self) -> &'static str {
        match self.node.map(|n| &n.value) {
            Some(FmValue::Null) | None => "an empty value",
            Some(_) => self.node.map_or("a value", FmNode::type_name),
        }
    }

    fn scalar(&self) -> Option<String> {
        self.node
            .and_then(crate::site::frontmatter::scalar_text)
            .map(|s| crate::site::frontmatter::shorten(&s))
    }
}

/// Converts every error of one post.
pub(super) fn findings(post: &Post<'_>, errors: &[ValidationError<'_>]) -> Vec<Finding> {
    let mut out = Vec::new();
    for error in errors {
        convert(post, error, &mut out);
    }
    out
}

fn convert(post: &Post<'_>, error: &ValidationError<'_>, out: &mut Vec<Finding>) {
    let Some(place) = locate(post, error.instance_path()) else {
        // A value that is not in the post (supplied by Jekyll `defaults:`).
        return;
    };
    if let Some(message) = custom_message(post.schema, error.schema_path()) {
        out.push(Finding {
            span: custom_span(post, error, &place),
            message,
            help: None,
        });
        return;
    }
    let at = place.span(post.anchor);
    let what = place.display();
    let push = |out: &mut Vec<Finding>, message: String| {
        out.push(Finding {
            span: at,
            message,
            help: None,
        })
    };
    match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            alternatives(post, error, &place, context, out);
        }
        ValidationErrorKind::Type { .. } | ValidationErrorKind::FalseSchema => {
            out.push(mismatch(post, error, &place));
        }
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or("?");
            let message = if place.path.is_empty() {
                format!("missing required key `{key}`")
            } else {
                format!("missing key `{key}` in {what}")
            };
            push(out, message);
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            for key in unexpected {
                let child = place.node.and_then(|n| {
                    n.entries().iter().find(|e| {
                        e.key == *key || (post.case_insensitive && e.key.eq_ignore_ascii_case(key))
                    })
                });
                let message = if place.path.is_empty() {
                    format!("unknown key `{key}`: the schema allows no other keys")
                } else {
                    format!("unknown key `{key}` in {what}")
                };
                out.push(Finding {
                    span: child.map_or(at, |e| e.key_span),
                    message,
                    help: None,
                });
            }
        }
        ValidationErrorKind::Enum { options } => {
            let choices = options
                .as_array()
                .map(|o| o.iter().map(literal).collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            push(
                out,
                invalid_message(post, error, &place, &format!("one of {choices}")),
            );
        }
        ValidationErrorKind::Constant { expected_value } => {
            push(
                out,
                invalid_message(post, error, &place, &literal(expected_value)),
            );
        }
        ValidationErrorKind::MinLength { limit: 1 } => {
            push(out, format!("{what} must not be empty"))
        }
        ValidationErrorKind::MinLength { limit } => push(
            out,
            format!("{what} must be at least {limit} characters long"),
        ),
        ValidationErrorKind::MaxLength { limit } => push(
            out,
            format!("{what} must be at most {limit} characters long"),
        ),
        ValidationErrorKind::MinItems { limit: 1 } => {
            push(out, format!("{what} must not be an empty list"))
        }
        ValidationErrorKind::MinItems { limit } => {
            push(out, format!("{what} must list at least {limit} items"))
        }
        ValidationErrorKind::MaxItems { limit } => {
            push(out, format!("{what} must list at most {limit} items"))
        }
        ValidationErrorKind::Minimum { limit } => push(out, bound(&place, "at least", limit)),
        ValidationErrorKind::Maximum { limit } => push(out, bound(&place, "at most", limit)),
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            push(out, bound(&place, "greater than", limit))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            push(out, bound(&place, "less than", limit))
        }
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Not { .. } => {
            let expected = expected(post, error);
            push(out, invalid_message(post, error, &place, &expected));
        }
        ValidationErrorKind::UniqueItems => push(out, format!("{what} lists the same item twice")),
        _ => push(out, format!("{what}: {error}")),
    }
}

/// An `anyOf`/`oneOf` that no branch accepted: follow the branch that accepts the value's
/// shape (`tags` is a list, and item 2 is wrong), else say what shapes are accepted.
fn alternatives(
    post: &Post<'_>,
    error: &ValidationError<'_>,
    place: &Place<'_>,
    branches: &[Vec<ValidationError<'static>>],
    out: &mut Vec<Finding>,
) {
    let here = error.instance_path();
    let fitting: Vec<&Vec<ValidationError<'static>>> =
        branches.iter().filter(|b| fits(b, here)).collect();
    let deeper = |b: &&&Vec<ValidationError<'static>>| b.iter().all(|e| e.instance_path() != here);
    let chosen = match fitting.len() {
        0 => None,
        1 => fitting.first().copied(),
        _ => fitting
            .iter()
            .filter(deeper)
            .min_by_key(|b| b.len())
            .copied(),
    };
    match chosen {
        Some(branch) => {
            for e in branch {
                convert(post, e, out);
            }
        }
        None if fitting.is_empty() => out.push(mismatch(post, error, place)),
        None => {
            let expected = expected(post, error);
            out.push(Finding {
                span: place.span(post.anchor),
                message: invalid_message(post, error, place, &expected),
                help: None,
            });
        }
    }
}

/// Whether a branch's errors leave the value's shape (its type) accepted.
fn fits(branch: &[ValidationError<'_>], here: &Location) -> bool {
    !branch.iter().any(|e| {
        e.instance_path() == here
            && match e.kind() {
                ValidationErrorKind::Type { .. } | ValidationErrorKind::FalseSchema => true,
                ValidationErrorKind::AnyOf { context }
                | ValidationErrorKind::OneOfNotValid { context } => {
                    !context.iter().any(|b| fits(b, here))
                }
                _ => false,
            }
    })
}

fn mismatch(post: &Post<'_>, error: &ValidationError<'_>, place: &Place<'_>) -> Finding {
    let expected = expected(post, error);
    // `tags: data` where a list is wanted: show the list.
    let help = match (place.node.map(|n| &n.value), place.path.rsplit('.').next()) {
        (Some(FmValue::Str(value)), Some(key))
            if expected.starts_with("a list") && !key.is_empty() && !key.ends_with(']') =>
        {
            Some(format!(
                "write a list: `{key}: [{}]`",
                crate::site::frontmatter::shorten(value)
            ))
        }
        _ => None,
    };
    Finding {
        span: place.span(post.anchor),
        message: format!(
            "expected {expected} for {}, found {}",
            place.display(),
            place.found()
        ),
        help,
    }
}

fn invalid_message(
    post: &Post<'_>,
    error: &ValidationError<'_>,
    place: &Place<'_>,
    expected: &str,
) -> String {
    match place.scalar() {
        Some(value) => {
            let noun = if kind(post, error) == Some("date") {
                "date"
            } else {
                "value"
            };
            format!(
                "invalid {noun} `{value}` for {}: expected {expected}",
                place.display()
            )
        }
        None => format!("{} must be {expected}", place.display()),
    }
}

fn bound(place: &Place<'_>, relation: &str, limit: &Value) -> String {
    match place.scalar() {
        Some(value) => format!(
            "{} must be {relation} {limit}, found {value}",
            place.display()
        ),
        None => format!("{} must be {relation} {limit}", place.display()),
    }
}

fn literal(value: &Value) -> String {
    match value {
        Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

/// Walks an instance path through the front matter tree.
fn locate<'a>(post: &Post<'a>, path: &Location) -> Option<Place<'a>> {
    let mut place = Place {
        path: String::new(),
        key_span: None,
        node: post.root,
    };
    for (depth, segment) in path.iter().enumerate() {
        let node = place.node?;
        match segment {
            LocationSegment::Property(name) => {
                let entry = node.entries().iter().find(|e| {
                    e.key == name.as_ref()
                        || (depth == 0
                            && post.case_insensitive
                            && e.key.to_lowercase() == name.as_ref())
                })?;
                if !place.path.is_empty() {
                    place.path.push('.');
                }
                place.path.push_str(&entry.key);
                place.key_span = Some(entry.key_span);
                place.node = Some(&entry.value);
            }
            LocationSegment::Index(i) => {
                let FmValue::Seq(items) = &node.value else {
                    return None;
                };
                place.path.push_str(&format!("[{i}]"));
                place.node = Some(items.get(i)?);
            }
        }
    }
    Some(place)
}

/// JSON pointer segments, unescaped.
fn segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

fn node_at<'s>(schema: &'s Value, segments: &[String]) -> Option<&'s Value> {
    segments
        .iter()
        .try_fold(schema, |node, segment| match node {
            Value::Object(map) => map.get(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
}

/// Whether a pointer ends at a schema that describes a new instance location (a property, a
/// list's items, a definition): the search for annotations stops there.
fn is_boundary(segments: &[String]) -> bool {
    match segments {
        [] => true,
        [.., parent, _]
            if parent == "properties" || parent == "$defs" || parent == "definitions" =>
        {
            true
        }
        [.., last] => last == "items" || last == "additionalProperties",
    }
}

/// `x-postlint-message` of the failing keyword or an enclosing schema (cross-field rules).
fn custom_message(schema: &Value, schema_path: &Location) -> Option<String> {
    let segments = segments(schema_path.as_str());
    (0..=segments.len()).rev().find_map(|n| {
        node_at(schema, &segments[..n])?
            .get("x-postlint-message")?
            .as_str()
            .map(str::to_string)
    })
}

/// A cross-field error about the whole front matter points at the last key it names.
fn custom_span(post: &Post<'_>, error: &ValidationError<'_>, place: &Place<'_>) -> Span {
    if !place.path.is_empty() {
        return place.span(post.anchor);
    }
    let segments = segments(error.schema_path().as_str());
    let mut names = Vec::new();
    if let Some(node) = node_at(post.schema, &segments) {
        collect_names(node, 0, &mut names);
    }
    post.root
        .into_iter()
        .flat_map(FmNode::entries)
        .filter(|e| {
            names
                .iter()
                .any(|n| *n == e.key || (post.case_insensitive && e.key.eq_ignore_ascii_case(n)))
        })
        .map(|e| Span::new(e.key_span.start, e.value.span.end.max(e.key_span.end)))
        .max()
        .unwrap_or(post.anchor)
}

fn collect_names<'s>(schema: &'s Value, depth: usize, out: &mut Vec<&'s str>) {
    if depth > 6 {
        return;
    }
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        out.extend(required.iter().filter_map(Value::as_str));
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        out.extend(properties.keys().map(String::as_str));
    }
    for key in ["not", "if", "then", "else"] {
        if let Some(inner) = schema.get(key) {
            collect_names(inner, depth + 1, out);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        for inner in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect_names(inner, depth + 1, out);
        }
    }
}

/// The schema an error's keyword belongs to, and the property schema the evaluation came
/// through (where `x-postlint-kind` and other annotations sit next to a `$ref`).
fn subjects<'s>(schema: &'s Value, error: &ValidationError<'_>) -> Vec<&'s Value> {
    let mut out = Vec::new();
    let mut keyword_path = segments(error.schema_path().as_str());
    keyword_path.pop();
    let mut path = keyword_path;
    loop {
        if let Some(node) = node_at(schema, &path) {
            out.push(node);
        }
        if is_boundary(&path) || path.pop().is_none() {
            break;
        }
    }
    let evaluation = segments(error.evaluation_path().as_str());
    if let Some(first_ref) = evaluation.iter().position(|s| s == "$ref") {
        let mut path = evaluation[..first_ref].to_vec();
        loop {
            if let Some(node) = node_at(schema, &path) {
                out.push(node);
            }
            if is_boundary(&path) || path.pop().is_none() {
                break;
            }
        }
    }
    out
}

/// What the schema expects where an error occurred, as a phrase (`a list of strings`).
fn expected(post: &Post<'_>, error: &ValidationError<'_>) -> String {
    let subjects = subjects(post.schema, error);
    if let Some(text) = subjects
        .iter()
        .find_map(|s| s.get("x-postlint-expected").and_then(Value::as_str))
    {
        return text.to_string();
    }
    // The outermost schema at this location describes the whole of what is accepted.
    let outermost = subjects
        .iter()
        .rev()
        .find(|s| s.get("x-postlint-kind").is_some())
        .or(subjects.first());
    outermost
        .map(|s| describe(post.schema, s, 0))
        .unwrap_or_else(|| "another value".to_string())
}

/// The `x-postlint-kind` of the value an error is about.
fn kind<'s>(post: &Post<'s>, error: &ValidationError<'_>) -> Option<&'s str> {
    subjects(post.schema, error).into_iter().find_map(|s| {
        s.get("x-postlint-kind")
            .or_else(|| resolve(post.schema, s).get("x-postlint-kind"))
            .and_then(Value::as_str)
    })
}

fn resolve<'s>(root: &'s Value, mut schema: &'s Value) -> &'s Value {
    for _ in 0..16 {
        match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| root.pointer(p))
        {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// A phrase for what a schema accepts, built from its annotations and types.
pub(super) fn describe(root: &Value, schema: &Value, depth: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    describe_into(root, schema, depth, &mut parts);
    parts.dedup();
    let mut unique: Vec<String> = Vec::new();
    for part in parts {
        if !unique.contains(&part) {
            unique.push(part);
        }
    }
    match unique.len() {
        0 => "another value".to_string(),
        1 => unique.remove(0),
        _ => {
            let last = unique.pop().unwrap_or_default();
            format!("{} or {last}", unique.join(", "))
        }
    }
}

fn describe_into(root: &Value, schema: &Value, depth: usize, out: &mut Vec<String>) {
    if depth > 8 {
        return;
    }
    if let Some(text) = schema.get("x-postlint-expected").and_then(Value::as_str) {
        out.push(text.to_string());
        return;
    }
    if schema.get("x-postlint-kind").and_then(Value::as_str) == Some("date") {
        out.push("a date".to_string());
        return;
    }
    let resolved = resolve(root, schema);
    if !std::ptr::eq(resolved, schema) {
        describe_into(root, resolved, depth + 1, out);
        return;
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        let choices: Vec<String> = options.iter().map(literal).collect();
        out.push(format!("one of {}", choices.join(", ")));
        return;
    }
    if let Some(value) = schema.get("const") {
        out.push(literal(value));
        return;
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let only_null = types == ["null"];
    for t in &types {
        let phrase = match *t {
            "string" => "a string".to_string(),
            "number" if types.contains(&"string") => continue,
            "number" => "a number".to_string(),
            "integer" => "a whole number".to_string(),
            "boolean" => "`true` or `false`".to_string(),
            "object" => "a mapping".to_string(),
            "array" => list_phrase(root, schema, depth),
            "null" if only_null => "an empty value".to_string(),
            _ => continue,
        };
        out.push(phrase);
    }
    if types.is_empty() {
        for key in ["anyOf", "oneOf"] {
            for branch in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                describe_into(root, branch, depth + 1, out);
            }
        }
    }
}

fn list_phrase(root: &Value, schema: &Value, depth: usize) -> String {
    let Some(items) = schema.get("items") else {
        return "a list".to_string();
    };
    let item = describe(root, items, depth + 1);
    let plural = item
        .strip_prefix("a ")
        .or_else(|| item.strip_prefix("an "))
        .filter(|rest| !rest.contains(' '))
        .map(|rest| format!("{rest}s"));
    match plural {
        Some(plural) => format!("a list of {plural}"),
        None => "a list".to_string(),
    }
}
