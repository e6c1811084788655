//! Any bytes as a post, under every preset, through the library's own entry point: the front
//! matter parsers, template masking, the whole document parse, every rule, the fixes (computed,
//! never written) and the spans of every finding, on threads with small stacks. A panic, a stack
//! overflow or a span outside the text is a crash.

#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint::{CheckOptions, FixMode, PresetName};
use std::path::PathBuf;
use std::sync::LazyLock;

/// A quarter of a default thread's stack: recursion per nesting level shows up as a crash.
const STACK: usize = 512 * 1024;

/// An empty site: every input is a post read from standard input into it.
static ROOT: LazyLock<PathBuf> = LazyLock::new(|| {
    let root = std::env::temp_dir().join("postlint-fuzz-site");
    std::fs::create_dir_all(&root).expect("a folder for the site");
    // The run's worker threads get small stacks too.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .stack_size(STACK)
        .build_global();
    root
});

/// The first input byte picks one.
const POSTS: [(PresetName, &str); 5] = [
    (PresetName::Docusaurus, "blog/2024-01-01-post.md"),
    (PresetName::Docusaurus, "blog/2024-01-01-post.mdx"),
    (PresetName::Jekyll, "_posts/2024-01-01-post.md"),
    (PresetName::Hugo, "content/posts/post.md"),
    (PresetName::None, "post.md"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let bytes = rest.to_vec();
    let root = LazyLock::force(&ROOT).clone();
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || check(pick, bytes, root))
        .expect("a thread")
        .join()
        .expect("no panic");
});

fn check(pick: u8, bytes: Vec<u8>, root: PathBuf) {
    let (preset, name) = POSTS[usize::from(pick) % POSTS.len()];
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let options = CheckOptions {
        preset: Some(preset),
        root: Some(root.clone()),
        stdin_filename: Some(root.join(name)),
        stdin_text: Some(bytes),
        fix: FixMode::Diff,
        ..CheckOptions::default()
    };
    let report = postlint::check(&[PathBuf::from("-")], &options).expect("the run succeeds");
    for (file, d) in report.diagnostics() {
        let text = if file.text.is_empty() { &text } else { &file.text };
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
        assert!(text.is_char_boundary(d.span.start), "{d:?}");
        assert!(text.is_char_boundary(d.span.end), "{d:?}");
    }
}
