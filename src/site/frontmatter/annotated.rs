//! Walks a post's front matter alongside a schema: finds the values the schema annotates with
//! `x-postlint-kind` (dates, tags, author keys, images, URLs), and the keys of nested mappings
//! that look like misspellings of the properties the schema defines there.

use crate::document::front_matter::{FmEntry, FmNode, FmValue};
use crate::spelling::{closest_word, Likeness};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// A string value the schema annotates.
#[derive(Debug)]
pub(crate) struct KindValue<'s, 'd> {
    pub kind: &'s str,
    pub node: &'d FmNode,
}

/// A key inside a nested mapping that is close to, but not, a property the schema defines
/// there (`header.imgae`, an inline author's `imageUrl`).
#[derive(Debug)]
pub(crate) struct NestedTypo<'d> {
    pub entry: &'d FmEntry,
    /// The mapping's path, for messages (`header`, `authors[1]`).
    pub parent: String,
    pub suggestion: String,
    pub likeness: Likeness,
}

#[derive(Debug, Default)]
pub(crate) struct Walked<'s, 'd> {
    pub values: Vec<KindValue<'s, 'd>>,
    pub nested_typos: Vec<NestedTypo<'d>>,
}

/// `$ref` chains and combinator nesting are followed this deep at most.
const MAX_DEPTH: usize = 24;

/// The schema of list items nobody described: anything.
static ANYTHING: Value = Value::Bool(true);

/// A schema's top-level properties, gathered once per run: each name with the property
/// schemas the root and its combinators give it.
#[derive(Debug, Default)]
pub(crate) struct TopLevel {
    properties: HashMap<String, Vec<Value>>,
    /// The properties whose values hold something to find: an `x-postlint-kind`, or nested
    /// mappings with known keys (where a misspelt key can hide).
    annotated: BTreeSet<String>,
}

impl TopLevel {
    /// Names are lower-cased when `case_insensitive`.
    pub(crate) fn new(schema: &Value, case_insensitive: bool) -> Self {
        let walker = Walker {
            root: schema,
            out: Walked::default(),
        };
        let mut alternatives = Vec::new();
        walker.alternatives(schema, 0, &mut alternatives);
        let mut properties: HashMap<String, Vec<Value>> = HashMap::new();
        for (name, property) in alternatives
            .iter()
            .filter_map(|s| s.get("properties")?.as_object())
            .flatten()
        {
            let name = if case_insensitive {
                name.to_lowercase()
            } else {
                name.clone()
            };
            properties.entry(name).or_default().push(property.clone());
        }
        let annotated = properties
            .iter()
            .filter(|(_, schemas)| {
                schemas.iter().any(|p| {
                    contains(schema, p, 0, &|m| {
                        m.contains_key("x-postlint-kind") || m.contains_key("properties")
                    })
                })
            })
            .map(|(name, _)| name.clone())
            .collect();
        Self {
            properties,
            annotated,
        }
    }

    /// Whether a top-level key's values can hold anything a walk finds.
    pub(crate) fn is_annotated(&self, key: &str) -> bool {
        self.annotated.contains(key)
    }

    /// The top-level properties under which some value carries `x-postlint-kind: kind`: the
    /// keys worth walking for that kind.
    pub(crate) fn keys_with_kind(&self, schema: &Value, kind: &str) -> BTreeSet<String> {
        self.properties
            .iter()
            .filter(|(_, schemas)| {
                schemas.iter().any(|p| {
                    contains(schema, p, 0, &|m| {
                        m.get("x-postlint-kind").and_then(Value::as_str) == Some(kind)
                    })
                })
            })
            .map(|(name, _)| name.clone())
            .collect()
    }
}

/// Walks the top-level mapping `root` against `schema` (the whole schema document, whose
/// top-level properties `top` holds). With `case_insensitive`, top-level keys match
/// properties whatever their letter case (Hugo). `only`, when given, limits the walk to the
/// top-level keys it accepts.
pub(crate) fn walk<'s, 'd>(
    schema: &'s Value,
    top: &'s TopLevel,
    root: &'d FmNode,
    case_insensitive: bool,
    only: Option<&dyn Fn(&str) -> bool>,
) -> Walked<'s, 'd> {
    let mut walker = Walker {
        root: schema,
        out: Walked::default(),
    };
    for entry in root.entries() {
        let key = if case_insensitive {
            Cow::Owned(entry.key.to_lowercase())
        } else {
            Cow::Borrowed(entry.key.as_str())
        };
        if only.is_some_and(|only| !only(&key)) {
            continue;
        }
        for property in top.properties.get(key.as_ref()).into_iter().flatten() {
            walker.node(property, &entry.value, None, &entry.key, 0);
        }
    }
    let mut out = walker.out;
    out.values.sort_by_key(|v| (v.node.span, v.kind));
    out.values
        .dedup_by(|a, b| a.node.span == b.node.span && a.kind == b.kind);
    out.nested_typos.sort_by_key(|t| t.entry.key_span);
    out.nested_typos
        .dedup_by(|a, b| a.entry.key_span == b.entry.key_span);
    out
}

/// Whether `schema` or a schema inside it (`$ref`s followed) satisfies `test`.
fn contains(
    root: &Value,
    schema: &Value,
    depth: usize,
    test: &dyn Fn(&serde_json::Map<String, Value>) -> bool,
) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match schema {
        Value::Object(map) => {
            if test(map) {
                return true;
            }
            let referenced = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|pointer| root.pointer(pointer));
            referenced.is_some_and(|target| contains(root, target, depth + 1, test))
                || map.values().any(|v| contains(root, v, depth + 1, test))
        }
        Value::Array(items) => items.iter().any(|v| contains(root, v, depth + 1, test)),
        _ => false,
    }
}

/// A nested value's path, built only for mappings and lists (where a typo may be found).
fn child_path(node: &FmNode, path: impl FnOnce() -> String) -> String {
    match node.value {
        FmValue::Map(_) | FmValue::Seq(_) => path(),
        _ => String::new(),
    }
}

struct Walker<'s, 'd> {
    root: &'s Value,
    out: Walked<'s, 'd>,
}

impl<'s, 'd> Walker<'s, 'd> {
    /// Follows a local `$ref` (`#/$defs/x`).
    fn resolve(&self, mut schema: &'s Value) -> &'s Value {
        for _ in 0..MAX_DEPTH {
            let Some(target) = schema
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|pointer| self.root.pointer(pointer))
            else {
                break;
            };
            schema = target;
        }
        schema
    }

    /// The schema itself and the branches of its combinators, `$ref`s followed.
    fn alternatives(&self, schema: &'s Value, depth: usize, out: &mut Vec<&'s Value>) {
        if depth > MAX_DEPTH {
            return;
        }
        let schema = self.resolve(schema);
        out.push(schema);
        for combinator in ["anyOf", "oneOf", "allOf"] {
            for branch in schema
                .get(combinator)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                self.alternatives(branch, depth + 1, out);
            }
        }
    }

    fn item_schemas(&self, schema: &'s Value) -> Vec<&'s Value> {
        let mut alternatives = Vec::new();
        self.alternatives(schema, 0, &mut alternatives);
        alternatives
            .into_iter()
            .filter_map(|s| s.get("items"))
            .filter(|items| items.is_object())
            .collect()
    }

    fn kind_of(&self, schema: &'s Value) -> Option<&'s str> {
        schema
            .get("x-postlint-kind")
            .or_else(|| self.resolve(schema).get("x-postlint-kind"))
            .and_then(Value::as_str)
    }

    fn node(
        &mut self,
        schema: &'s Value,
        node: &'d FmNode,
        inherited: Option<&'s str>,
        path: &str,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let kind = self.kind_of(schema).or(inherited);
        match &node.value {
            FmValue::Str(_) => {
                if let Some(kind) = kind {
                    self.out.values.push(KindValue { kind, node });
                }
            }
            FmValue::Seq(items) => {
                let item_schemas = self.item_schemas(schema);
                for (i, item) in items.iter().enumerate() {
                    let item_path = child_path(item, || format!("{path}[{i}]"));
                    if item_schemas.is_empty() {
                        self.node(&ANYTHING, item, kind, &item_path, depth + 1);
                    }
                    for item_schema in &item_schemas {
                        self.node(item_schema, item, kind, &item_path, depth + 1);
                    }
                }
            }
            FmValue::Map(entries) => {
                let mut alternatives = Vec::new();
                self.alternatives(schema, depth + 1, &mut alternatives);
                let properties: Vec<&'s serde_json::Map<String, Value>> = alternatives
                    .iter()
                    .filter_map(|s| s.get("properties")?.as_object())
                    .collect();
                for entry in entries {
                    let children: Vec<&'s Value> = properties
                        .iter()
                        .filter_map(|p| p.get(&entry.key))
                        .collect();
                    if children.is_empty() && !properties.is_empty() {
                        let mut known: Vec<&'s str> = properties
                            .iter()
                            .flat_map(|p| p.keys().map(String::as_str))
                            .collect();
                        known.sort_unstable();
                        known.dedup();
                        self.typo(entry, path, &known);
                    }
                    let entry_path = child_path(&entry.value, || format!("{path}.{}", entry.key));
                    for child in children {
                        self.node(child, &entry.value, None, &entry_path, depth + 1);
                    }
                }
            }
            FmValue::Null | FmValue::Bool(_) | FmValue::Int(_) | FmValue::Float(_) => {}
        }
    }

    fn typo(&mut self, entry: &'d FmEntry, parent: &str, known: &[&'s str]) {
        if let Some((suggestion, likeness)) = closest_word(&entry.key, known.iter().copied()) {
            self.out.nested_typos.push(NestedTypo {
                entry,
                parent: parent.to_string(),
                suggestion: suggestion.to_string(),
                likeness,
            });
        }
    }
}
