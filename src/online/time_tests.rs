//! Time limits of the URL check against a server that accepts connections and never answers
//! (on 127.0.0.1): each URL costs at most its `deadline`, and the run its `budget`.

use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{check, OnlineOptions, UrlVerdict};

/// The port of a server that keeps every connection open and never sends a byte.
fn silent_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let held: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            held.lock().expect("lock").push(stream);
        }
    });
    port
}

fn options(deadline: Duration) -> OnlineOptions {
    OnlineOptions {
        allow_loopback: true,
        timeout: Duration::from_millis(700),
        connect_timeout: Duration::from_millis(700),
        deadline,
        retries: 10,
        retry_delay: Duration::from_millis(50),
        ..OnlineOptions::default()
    }
}

#[test]
fn a_url_that_never_answers_costs_its_deadline_not_every_retry() {
    let port = silent_server();
    let url = format!("http://127.0.0.1:{port}/never");
    let started = Instant::now();
    // Ten retries of 0.7 s would take over 7 s; the deadline stops it at 1.5 s.
    let checked = check(
        std::slice::from_ref(&url),
        &options(Duration::from_millis(1500)),
    );
    let took = started.elapsed();
    match &checked.verdicts[&url] {
        UrlVerdict::Unverified { reason } => assert!(
            reason.starts_with("timed out: no answer within the URL's 1.5 s deadline"),
            "{reason}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(checked.out_of_time, [url]);
    assert!(took < Duration::from_secs(6), "{took:?}");
}

#[test]
fn the_budget_bounds_the_whole_online_pass() {
    let port = silent_server();
    let urls: Vec<String> = (0..6)
        .map(|i| format!("http://127.0.0.1:{port}/never/{i}"))
        .collect();
    let opts = OnlineOptions {
        max_per_host: 1,
        budget: Some(Duration::from_millis(1200)),
        ..options(Duration::from_millis(800))
    };
    let started = Instant::now();
    let checked = check(&urls, &opts);
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    let reasons: Vec<&str> = urls
        .iter()
        .map(|u| match &checked.verdicts[u] {
            UrlVerdict::Unverified { reason } => reason.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(reasons[0].contains("deadline"), "{reasons:?}");
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("not checked: the run's `budget` of 1.2 s")),
        "{reasons:?}"
    );
    assert_eq!(checked.out_of_time.len(), 6, "{:?}", checked.out_of_time);
}
