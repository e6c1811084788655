//! What a rule is: static metadata, a typed options struct, and a pure `check` over one post
//! that reads the document, the site index and the post's resolved links.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::links::external::CheckedUrl;
use crate::links::{self, Resolved};
use crate::site::anchors::Anchors;
use crate::site::SiteIndex;
use crate::source::Span;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::any::Any;
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};

#[derive(Debug)]
pub(crate) struct RuleMeta {
    pub(crate) id: &'static str,
    pub(crate) default_severity: Severity,
    pub(crate) fixable: bool,
    /// One line, lower case, no trailing period: `postlint rules`, the README table, the config
    /// schema.
    pub(crate) summary: &'static str,
    /// `rules/<id>.md`, compiled in; printed by `postlint explain`.
    pub(crate) doc: &'static str,
}

/// Everything a rule may read while checking one post.
pub(crate) struct Ctx<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) site: &'a SiteIndex,
    /// The post's index in the site when `doc` is the post as the run read it; `None` for a
    /// post parsed again after fixes.
    pub(crate) post: Option<usize>,
    /// The external URLs the post uses, each with what the online check found; empty offline.
    pub(crate) urls: &'a [CheckedUrl],
    links: OnceCell<Vec<Resolved>>,
    deferred: RefCell<Vec<DeferredAnchor>>,
}

/// A `#fragment` into another post, checked once the run has read every post it checks: the
/// anchors of a post come from its own parse, so the run parses each post once, whichever
/// order the posts are checked in.
#[derive(Clone, Debug)]
pub(crate) struct DeferredAnchor {
    /// The post the link leads to.
    pub(crate) post: usize,
    /// Percent-decoded.
    pub(crate) fragment: String,
    /// What a finding underlines.
    pub(crate) span: Span,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        doc: &'a Document,
        site: &'a SiteIndex,
        post: Option<usize>,
        urls: &'a [CheckedUrl],
    ) -> Self {
        Self {
            doc,
            site,
            post,
            urls,
            links: OnceCell::new(),
            deferred: RefCell::new(Vec::new()),
        }
    }

    /// The anchors the post itself defines.
    pub(crate) fn own_anchors(&self) -> Cow<'a, Anchors> {
        self.site.anchors_of(self.doc, self.post)
    }

    /// Leaves a fragment into another post to be checked when every post has been read.
    pub(crate) fn defer(&self, anchor: DeferredAnchor) {
        self.deferred.borrow_mut().push(anchor);
    }

    /// The checks deferred so far, handed over to the runner.
    pub(crate) fn take_deferred(&self) -> Vec<DeferredAnchor> {
        std::mem::take(&mut *self.deferred.borrow_mut())
    }

    /// The post's local links and images with where each leads: resolved by the first rule
    /// that asks, then shared by the others.
    pub(crate) fn links(&self) -> &[Resolved] {
        self.links
            .get_or_init(|| links::resolve(self.doc, self.site))
    }
}

/// One rule. Implement this; the registry holds it as an [`AnyRule`].
pub(crate) trait Rule: Sync {
    /// What `rules.<id>` in `postlint.yml` may set besides `severity`; [`NoOptions`] when
    /// nothing.
    type Options: RuleOptions;

    fn meta(&self) -> &'static RuleMeta;

    /// Appends the problems found in `ctx.doc`; severity and suppression are applied later.
    fn check(&self, ctx: &Ctx<'_>, options: &Self::Options, out: &mut Vec<Diagnostic>);
}

/// A rule's options: read from `rules.<id>` with serde (unknown keys are errors), described in
/// the config schema, and checked once when the config is loaded.
pub(crate) trait RuleOptions:
    DeserializeOwned + JsonSchema + Default + Send + Sync + 'static
{
    /// What serde cannot check (ranges, values that only make sense together).
    fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}

/// The options of a rule that has none: any key under `rules.<id>` but `severity` is an error.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoOptions {}

impl RuleOptions for NoOptions {}

/// A rule's parsed options, as settings keep them for the registry.
pub(crate) type OptionsBox = Box<dyn Any + Send + Sync>;

/// A rule as the registry holds it: the same rule with its options type erased.
pub(crate) trait AnyRule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn default_options(&self) -> OptionsBox;
    /// Reads and checks the options written under `rules.<id>` (without `severity`).
    fn parse_options(
        &self,
        values: serde_json::Map<String, serde_json::Value>,
    ) -> Result<OptionsBox, String>;
    /// The schema of the mapping form of `rules.<id>`.
    fn options_schema(&self, generator: &mut SchemaGenerator) -> Schema;
    fn check_with(&self, ctx: &Ctx<'_>, options: &OptionsBox, out: &mut Vec<Diagnostic>);
}

impl<R: Rule> AnyRule for R {
    fn meta(&self) -> &'static RuleMeta {
        Rule::meta(self)
    }

    fn default_options(&self) -> OptionsBox {
        Box::new(R::Options::default())
    }

    fn parse_options(
        &self,
        values: serde_json::Map<String, serde_json::Value>,
    ) -> Result<OptionsBox, String> {
        let options: R::Options =
            serde_json::from_value(serde_json::Value::Object(values)).map_err(|e| e.to_string())?;
        options.validate()?;
        Ok(Box::new(options))
    }

    fn options_schema(&self, generator: &mut SchemaGenerator) -> Schema {
        let mut schema = <R::Options as JsonSchema>::json_schema(generator);
        // The type's doc comment is for the code; the rule's summary describes the property.
        schema.remove("description");
        let properties = schema
            .ensure_object()
            .entry("properties")
            .or_insert_with(|| serde_json::Value::Object(Default::default()));
        if let Some(properties) = properties.as_object_mut() {
            let severity = json_schema!({
                "description": "error, warning or off.",
                "$ref": "#/definitions/SeverityText"
            });
            properties.insert("severity".into(), severity.to_value());
        }
        schema
    }

    fn check_with(&self, ctx: &Ctx<'_>, options: &OptionsBox, out: &mut Vec<Diagnostic>) {
        // Settings build each rule's options from its own type; a mismatch cannot happen, and
        // would skip the rule rather than guess.
        if let Some(options) = options.downcast_ref::<R::Options>() {
            self.check(ctx, options, out);
        }
    }
}
