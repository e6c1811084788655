//! Walks a post's front matter alongside a schema: finds the values the schema annotates with
//! `x-postlint-kind` (dates, tags, author keys, images, URLs), and the keys of nested mappings
//! that look like misspellings of the properties the schema defines there.

use super::suggest::{self, Likeness};
use crate::document::front_matter::{FmEntry, FmNode, FmValue};
use serde_json::Value;

/// A string value the schema annotates.
#[derive(Debug)]
pub struct KindValue<'s, 'd> {
    pub kind: &'s str,
    pub node: &'d FmNode,
}

/// A key inside a nested mapping that is close to, but not, a property the schema defines
/// there (`header.imgae`, an inline author's `imageUrl`).
#[derive(Debug)]
pub struct NestedTypo<'d> {
    pub entry: &'d FmEntry,
    /// The mapping's path, for messages (`header`, `authors[1]`).
    pub parent: String,
    pub suggestion: String,
    pub likeness: Likeness,
}

#[derive(Debug, Default)]
pub struct Walked<'s, 'd> {
    pub values: Vec<KindValue<'s, 'd>>,
    pub nested_typos: Vec<NestedTypo<'d>>,
}

/// `$ref` chains and combinator nesting are followed this deep at most.
const MAX_DEPTH: usize = 24;

/// The schema of list items nobody described: anything.
static ANYTHING: Value = Value::Bool(true);

/// Walks the top-level mapping `root` against `schema` (the whole schema document). With
/// `case_insensitive`, top-level keys match properties whatever their letter case (Hugo).
pub fn walk<'s, 'd>(schema: &'s Value, root: &'d FmNode, case_insensitive: bool) -> Walked<'s, 'd> {
    let mut walker = Walker {
        root: schema,
        out: Walked::default(),
    };
    for entry in root.entries() {
        let key = if case_insensitive {
            entry.key.to_lowercase()
        } else {
            entry.key.clone()
        };
        for property in walker.property_schemas(schema, &key, 0) {
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

    fn property_schemas(&self, schema: &'s Value, key: &str, depth: usize) -> Vec<&'s Value> {
        let mut alternatives = Vec::new();
        self.alternatives(schema, depth, &mut alternatives);
        alternatives
            .into_iter()
            .filter_map(|s| s.get("properties")?.get(key))
            .collect()
    }

    fn known_properties(&self, schema: &'s Value) -> Vec<&'s str> {
        let mut alternatives = Vec::new();
        self.alternatives(schema, 0, &mut alternatives);
        let mut names: Vec<&str> = alternatives
            .iter()
            .filter_map(|s| s.get("properties")?.as_object())
            .flat_map(|p| p.keys().map(String::as_str))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
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
                    let item_path = format!("{path}[{i}]");
                    if item_schemas.is_empty() {
                        self.node(&ANYTHING, item, kind, &item_path, depth + 1);
                    }
                    for item_schema in &item_schemas {
                        self.node(item_schema, item, kind, &item_path, depth + 1);
                    }
                }
            }
            FmValue::Map(entries) => {
                let known = self.known_properties(schema);
                for entry in entries {
                    let child_path = format!("{path}.{}", entry.key);
                    let children = self.property_schemas(schema, &entry.key, depth + 1);
                    if children.is_empty() && !known.is_empty() {
                        self.typo(entry, path, &known);
                    }
                    for child in children {
                        self.node(child, &entry.value, None, &child_path, depth + 1);
                    }
                }
            }
            FmValue::Null | FmValue::Bool(_) | FmValue::Int(_) | FmValue::Float(_) => {}
        }
    }

    fn typo(&mut self, entry: &'d FmEntry, parent: &str, known: &[&'s str]) {
        if let Some((suggestion, likeness)) = suggest::closest(&entry.key, known.iter().copied()) {
            self.out.nested_typos.push(NestedTypo {
                entry,
                parent: parent.to_string(),
                suggestion: suggestion.to_string(),
                likeness,
            });
        }
    }
}
