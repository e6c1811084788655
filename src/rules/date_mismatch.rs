//! `date-mismatch`: the file name date disagrees with the front matter `date`; a Jekyll
//! `_posts` file whose name Jekyll does not take for a post.

use crate::date::{self, file_name, Day};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::front_matter::FmEntry;
use crate::preset::Preset;
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::source::Span;

/// The `date: …` entry, key and value.
fn entry_span(entry: &FmEntry) -> Span {
    Span::new(
        entry.key_span.start,
        entry.value.span.end.max(entry.key_span.end),
    )
}

fn mismatch(entry: &FmEntry, written: &str, file_day: Day) -> Diagnostic {
    Diagnostic::new(
        META.id,
        entry_span(entry),
        format!("date `{written}` disagrees with the file name date `{file_day}`"),
    )
    .with_help(format!(
        "make them agree: set `date: {file_day}`, or rename the file to the front matter date"
    ))
}

/// Jekyll with a `timezone`: the front matter time falls on another day there.
fn mismatch_in_zone(
    entry: &FmEntry,
    written: &str,
    day: Day,
    zone: &str,
    file_day: Day,
) -> Diagnostic {
    Diagnostic::new(
        META.id,
        entry_span(entry),
        format!(
            "date `{written}` is {day} in the site's timezone ({zone}), which Jekyll dates and \
             links the post by; the file name says `{file_day}`"
        ),
    )
    .with_help(format!(
        "make them agree: rename the file to `{day}-…`, or give a time that is {file_day} in {zone}"
    ))
}

/// Docusaurus builds the URL from the file name's date and dates the page by `date`: a
/// deliberate front matter date (a post moved after publishing) is kept, and the file is
/// renamed only while no link knows the URL.
fn docusaurus_mismatch(entry: &FmEntry, written: &str, file_day: Day, name: &str) -> Diagnostic {
    let span = Span::new(
        entry.key_span.start,
        entry.value.span.end.max(entry.key_span.end),
    );
    let dated_name = name.len() > 10
        && name.bytes().take(10).enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let renamed = match date::parse(written) {
        Some(Ok(value)) if dated_name => Some(format!("`{}{}`", value.local, &name[10..])),
        _ => None,
    };
    Diagnostic::new(
        META.id,
        span,
        format!("the page is dated `{written}` but its URL has the file name date `{file_day}`"),
    )
    .with_help(match renamed {
        Some(new_name) => format!(
            "if the post is not published yet, rename the file {new_name}; once it is, a rename \
             would move its URL: leave both dates as they are"
        ),
        None => "once the post is published, a rename would move its URL: leave both dates as \
                 they are"
            .to_string(),
    })
}

fn not_a_post_name(name: &str) -> Diagnostic {
    let help = if name.len() > 8 && name.as_bytes()[..8].iter().all(u8::is_ascii_digit) {
        "write the date with dashes: `YYYY-MM-DD-title.md`".to_string()
    } else if file_name::jekyll(&format!("{}-x.md", name.split('.').next().unwrap_or(""))).is_some()
    {
        "add a title after the date: `YYYY-MM-DD-title.md`".to_string()
    } else {
        format!("rename it `YYYY-MM-DD-{name}`, with the post's date")
    };
    Diagnostic::new(
        META.id,
        Span::new(0, 0),
        format!("Jekyll skips `{name}`: a post's file name must be `YYYY-MM-DD-title.ext`"),
    )
    .with_help(help)
}

fn impossible_file_date(written: &str, reason: &str) -> Diagnostic {
    Diagnostic::new(
        META.id,
        Span::new(0, 0),
        format!("the file name date `{written}` is not a real date: {reason}"),
    )
    .with_help("rename the file with the post's real date")
}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "date-mismatch",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "the file name date disagrees with the front matter `date`",
    doc: include_str!("../../rules/date-mismatch.md"),
};

pub(crate) struct DateMismatch;

impl Rule for DateMismatch {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let (doc, site) = (ctx.doc, ctx.site);
        if crate::site::frontmatter::is_partial(doc, site) {
            return;
        }
        let Some(site_path) = site.site_path(&doc.source.path) else {
            return;
        };
        let name = site_path.rsplit('/').next().unwrap_or(&site_path);
        let file_date = match site.preset {
            // With a `slug`, the file name's date is in no URL: only `date` dates the page.
            Preset::Docusaurus if has_key(doc, "slug") => return,
            Preset::Docusaurus => {
                let below_blog = site_path
                    .split_once("blog/")
                    .map_or(site_path.as_str(), |(_, rest)| rest);
                file_name::docusaurus(below_blog)
            }
            Preset::Jekyll => {
                let in_posts = site_path.split('/').any(|s| s == "_posts");
                let date = file_name::jekyll(name);
                if in_posts && date.is_none() {
                    out.push(not_a_post_name(name));
                }
                date
            }
            Preset::Hugo | Preset::None => None,
        };
        let Some((year, month, day)) = file_date else {
            return;
        };
        let file_day = match date::check_day(year, month, day) {
            Ok(day) => day,
            Err(reason) => {
                out.push(impossible_file_date(
                    &format!("{year:04}-{month:02}-{day:02}"),
                    &reason,
                ));
                return;
            }
        };
        let Some(entry) = doc
            .front_matter_root()
            .and_then(|root| crate::site::frontmatter::entry(root, "date", site.preset))
        else {
            return;
        };
        let Some(written) = entry.value.as_str() else {
            return;
        };
        // Jekyll with a `timezone`: the day Jekyll gives the post, exactly.
        if let Some(zone) = &site.routes.dates_in_zone {
            let day = site
                .document_index(&doc.source.path)
                .and_then(|i| site.routes.urls.get(i)?.as_ref()?.date);
            if let Some(day) = day.filter(|day| *day != file_day) {
                out.push(if written.contains(':') {
                    mismatch_in_zone(entry, written.trim(), day, zone, file_day)
                } else {
                    mismatch(entry, written.trim(), file_day)
                });
            }
            return;
        }
        // An impossible or unknown date format is frontmatter-schema's finding.
        if let Some(Ok(value)) = date::parse(written) {
            if value.names(file_day) {
                return;
            }
            out.push(if site.preset == Preset::Docusaurus {
                docusaurus_mismatch(entry, written.trim(), file_day, name)
            } else {
                mismatch(entry, written.trim(), file_day)
            });
        }
    }
}

fn has_key(doc: &crate::document::Document, key: &str) -> bool {
    doc.front_matter_root()
        .is_some_and(|root| root.get(key).is_some())
}
