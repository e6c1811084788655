//! YAML loaded from saphyr's event stream with ceilings checked before any tree is built:
//! nesting deeper than [`MAX_DEPTH`] (aliases counted at the depth they expand to) and more
//! than [`MAX_NODES`] values are errors. saphyr's own loader recurses once per block collection
//! level and limits only flow nesting, so a few kilobytes of `- - - -` would overflow the stack.

use crate::limits::{MAX_YAML_DEPTH as MAX_DEPTH, MAX_YAML_NODES as MAX_NODES};
use saphyr::{MarkedYaml, ScanError, YamlLoader};
use saphyr_parser::{Event, Parser, SpannedEventReceiver};
use std::collections::HashMap;

/// The documents of `content`; a key written twice is an error unless `allow_duplicate_keys`
/// (then the last value wins).
pub(super) fn load(
    content: &str,
    allow_duplicate_keys: bool,
) -> Result<Vec<MarkedYaml<'_>>, ScanError> {
    let mut loader: YamlLoader<'_, MarkedYaml<'_>> = YamlLoader::default();
    loader.allow_duplicate_keys(allow_duplicate_keys);
    let mut shape = Shape::default();
    for event in Parser::new_from_str(content) {
        let (event, span) = event?;
        shape
            .admit(&event)
            .map_err(|info| ScanError::new(span.start, info))?;
        loader.on_event(event, span);
        if let Some(e) = loader.error() {
            return Err(e.clone());
        }
    }
    Ok(loader.into_documents())
}

/// The nesting and size of the YAML seen so far.
#[derive(Default)]
struct Shape {
    /// Open collections: the anchor id of each, and the height of its tallest child.
    open: Vec<(usize, usize)>,
    /// Height of each anchored node, for the aliases that repeat it.
    anchored: HashMap<usize, usize>,
    nodes: usize,
}

impl Shape {
    fn admit(&mut self, event: &Event<'_>) -> Result<(), String> {
        let height = match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.count()?;
                if self.open.len() >= MAX_DEPTH {
                    return Err(too_deep());
                }
                self.open.push((*anchor, 0));
                return Ok(());
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, tallest_child)) = self.open.pop() else {
                    return Ok(());
                };
                let height = tallest_child + 1;
                if anchor != 0 {
                    self.anchored.insert(anchor, height);
                }
                height
            }
            Event::Scalar(_, _, anchor, _) => {
                self.count()?;
                if *anchor != 0 {
                    self.anchored.insert(*anchor, 0);
                }
                0
            }
            Event::Alias(anchor) => {
                self.count()?;
                let height = self.anchored.get(anchor).copied().unwrap_or(0);
                if self.open.len() + height > MAX_DEPTH {
                    return Err(too_deep());
                }
                height
            }
            _ => return Ok(()),
        };
        if let Some((_, tallest)) = self.open.last_mut() {
            *tallest = (*tallest).max(height);
        }
        Ok(())
    }

    fn count(&mut self) -> Result<(), String> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(format!(
                "more than {MAX_NODES} values; postlint reads no further (no real front \
                 matter or site config comes near this)"
            ));
        }
        Ok(())
    }
}

fn too_deep() -> String {
    format!(
        "lists and mappings nested more than {MAX_DEPTH} levels deep; postlint reads no \
         further (no real front matter or site config comes near this)"
    )
}
