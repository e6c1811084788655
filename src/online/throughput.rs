//! Throughput of the online URL checker on loopback servers with added latency.
//!
//! Run: `cargo test --release --lib online::throughput -- --ignored --nocapture`
//! (ignored by default so `cargo test` stays fast; a unit test because the checker is not part
//! of the library's public face).
//!
//! Serves a few thousand unique URLs from 16 servers on 127.0.0.1 … 127.0.0.16 (16 host names
//! for the per-host limit; Linux routes all of 127.0.0.0/8 to the loopback interface), each reply
//! after 50 ms, and checks them at the default limits (128 in flight, 10 per host): a cold run
//! (every URL fetched) and a warm-cache re-run (no request). Then the same on one host only,
//! where the per-host limit is the bound. Never leaves the machine.

use std::time::{Duration, Instant};

use super::tests::http_server::{Reply, TestServer};
use super::{check_urls, OnlineOptions, UrlVerdict};

const LATENCY: Duration = Duration::from_millis(50);

fn servers(n: usize) -> Vec<TestServer> {
    (1..=n)
        .map(|i| TestServer::start_on(&format!("127.0.0.{i}"), |_| Reply::ok().delay(LATENCY)))
        .collect()
}

fn run(label: &str, servers: &[TestServer], total: usize) {
    let urls: Vec<String> = (0..total)
        .map(|i| servers[i % servers.len()].url(&format!("/post/{i}")))
        .collect();
    let cache = tempfile::tempdir().unwrap();
    let opts = OnlineOptions {
        allow_loopback: true,
        cache_dir: Some(cache.path().to_path_buf()),
        ..Default::default()
    };
    let start = Instant::now();
    let cold = check_urls(&urls, &opts);
    let cold_time = start.elapsed();
    assert!(
        cold.values().all(|v| matches!(v, UrlVerdict::Ok)),
        "not all OK"
    );
    let hits: usize = servers.iter().map(TestServer::total_hits).sum();
    assert_eq!(hits, total);
    let peak = servers
        .iter()
        .map(TestServer::max_in_flight)
        .max()
        .unwrap_or(0);

    let start = Instant::now();
    let warm = check_urls(&urls, &opts);
    let warm_time = start.elapsed();
    assert!(warm.values().all(|v| matches!(v, UrlVerdict::Ok)));
    let after: usize = servers.iter().map(TestServer::total_hits).sum();
    assert_eq!(after, total, "the warm run made requests");

    println!(
        "{label}: {total} URLs on {} host(s), {} ms latency: cold {:.2} s = {:.0} URLs/s \
         (at most {peak} in flight per host); warm cache {:.1} ms, 0 requests",
        servers.len(),
        LATENCY.as_millis(),
        cold_time.as_secs_f64(),
        total as f64 / cold_time.as_secs_f64(),
        warm_time.as_secs_f64() * 1000.0,
    );
}

#[test]
#[ignore = "benchmark: cargo test --release --lib online::throughput -- --ignored --nocapture"]
fn online_throughput() {
    let many = servers(16);
    run("16 hosts", &many, 4000);
    drop(many);
    let one = servers(1);
    run("1 host", &one, 500);
}
