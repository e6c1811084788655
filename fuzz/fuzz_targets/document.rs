//! Any bytes as a post, under every preset: the front matter parsers (as front matter and as a
//! site file), template masking, the whole document parse, every rule, the fixes and the
//! line/column mapping, on a thread with a small stack. A panic, a stack overflow or a span
//! outside the text is a crash.

#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint::cli::CheckArgs;
use postlint::document::front_matter::{parse_toml, parse_yaml};
use postlint::document::template::{mask, Flavor};
use postlint::document::Document;
use postlint::fix::apply_fixes;
use postlint::preset::Preset;
use postlint::settings::Settings;
use postlint::site::SiteIndex;
use postlint::site_config::SiteConfig;
use postlint::source::{LineIndex, SourceFile};
use std::path::PathBuf;
use std::sync::LazyLock;

/// A quarter of a default thread's stack: recursion per nesting level shows up as a crash.
const STACK: usize = 512 * 1024;

static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join("postlint-fuzz-site");
    std::fs::create_dir_all(&dir).expect("a folder for the settings");
    Settings::resolve(&CheckArgs::default(), &dir).expect("default settings")
});

/// The first input byte picks one.
const POSTS: [(Preset, &str); 5] = [
    (Preset::Docusaurus, "blog/2024-01-01-post.md"),
    (Preset::Docusaurus, "blog/2024-01-01-post.mdx"),
    (Preset::Jekyll, "_posts/2024-01-01-post.md"),
    (Preset::Hugo, "content/posts/post.md"),
    (Preset::None, "post.md"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let text = text.to_string();
    LazyLock::force(&SETTINGS);
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || check(pick, text))
        .expect("a thread")
        .join()
        .expect("no panic");
});

fn check(pick: u8, text: String) {
    let (preset, name) = POSTS[usize::from(pick) % POSTS.len()];
    // The parsers on their own, as they read site files.
    let _ = parse_yaml(&text);
    let _ = parse_toml(&text);
    let all = Flavor {
        toml_front_matter: true,
        mdx: true,
        liquid: true,
        hugo_shortcodes: true,
    };
    let masked = mask(&text, 0, all);
    if let Some(blanked) = &masked.text {
        assert_eq!(blanked.len(), text.len(), "masking keeps every offset");
    }

    let root = PathBuf::from("/site");
    let path = root.join(name);
    let source = SourceFile {
        path: path.clone(),
        display_path: name.to_string(),
        text,
    };
    let doc = Document::parse(source, preset.flavor(&path));
    let site = SiteIndex::new(root, preset, SiteConfig::default(), Vec::new(), vec![doc]);
    let doc = &site.documents[0];
    let text = doc.text();
    let diagnostics = postlint::runner::check(doc, &site, &SETTINGS);
    let lines = LineIndex::new(text);
    for d in &diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
        assert!(text.is_char_boundary(d.span.start), "{d:?}");
        assert!(text.is_char_boundary(d.span.end), "{d:?}");
        let _ = lines.line_column(text, d.span.end);
    }
    let (fixed, _) = apply_fixes(text, diagnostics.iter().filter_map(|d| d.fix.as_ref()));
    let source = SourceFile {
        path: path.clone(),
        display_path: name.to_string(),
        text: fixed,
    };
    let _ = Document::parse(source, preset.flavor(&path));
}
