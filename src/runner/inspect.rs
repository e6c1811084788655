//! What postlint makes of a site, per post, for comparison with what the real generator built
//! (`tests/oracle.rs`): which files it treats as rendered posts, their URLs and dates, heading
//! ids, and where each `<br>` ends up.

use super::{load, PostReader};
use crate::error::RunError;
use crate::settings::{CheckOptions, Settings};
use crate::source::LineIndex;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// postlint's model of one post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostFacts {
    /// Relative to the site root, with `/` separators.
    pub path: String,
    /// Whether postlint takes the file for a post the generator publishes (it has a URL and
    /// is not a draft or unpublished).
    pub rendered: bool,
    /// The URL path the route table gives it (without the site's base URL).
    pub url: Option<String>,
    /// The day the route table dates it, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Every heading id postlint knows, in document order.
    pub heading_ids: Vec<HeadingFact>,
    /// Some heading ids of the post cannot be known (a template call that adds headings
    /// postlint cannot read, template syntax in a heading): `heading_ids` holds the others.
    pub headings_open: bool,
    /// Every `<br>` tag, in document order.
    pub brs: Vec<BrFact>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingFact {
    /// 1-based line of the heading in the file.
    pub line: usize,
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrFact {
    /// 1-based line of the tag in the file.
    pub line: usize,
    /// Where it ends up: `prose`, `table`, `html` or `flow` (an MDX flow element).
    pub context: &'static str,
}

/// The facts of every post the site at `root` has (all of them, as a check of the folder
/// would lint), sorted by path.
pub(crate) fn inspect(root: &Path, options: &CheckOptions) -> Result<Vec<PostFacts>, RunError> {
    let options = CheckOptions {
        root: Some(root.to_path_buf()),
        ..options.clone()
    };
    let paths = [PathBuf::from(root)];
    let settings = Settings::resolve(&paths, &options, root)?;
    let loaded = load(&settings, &paths, &options, root)?;
    let site = &loaded.site;
    let reader = PostReader { site, stdin: None };
    let mut facts: Vec<PostFacts> = loaded
        .targets
        .par_iter()
        .filter_map(|&i| {
            let doc = reader.read(i).ok()?;
            let path = site.document_site_paths.get(i)?.clone()?;
            let lines = LineIndex::new(doc.text());
            let line = |offset: usize| lines.line_column(doc.text(), offset).line;
            let url = site.routes.urls.get(i).and_then(Option::as_ref);
            let (heading_ids, headings_open) = site.heading_id_rules().heading_ids(&doc);
            Some(PostFacts {
                path,
                rendered: url.is_some_and(|u| !u.unpublished),
                url: url.map(|u| u.url.clone()),
                date: url.and_then(|u| u.date).map(|d| d.to_string()),
                heading_ids: heading_ids
                    .into_iter()
                    .map(|(span, id)| HeadingFact {
                        line: line(span.start),
                        id,
                    })
                    .collect(),
                headings_open,
                brs: doc
                    .markdown
                    .brs
                    .iter()
                    .map(|br| BrFact {
                        line: line(br.span.start),
                        context: br.context.as_str(),
                    })
                    .collect(),
            })
        })
        .collect();
    facts.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(facts)
}
