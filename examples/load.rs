//! A bounded HTTP load generator for claimdesk on this machine: N concurrent clients for S
//! seconds (or R requests in all) against one route, then requests per second and latency
//! percentiles. Only loopback addresses are accepted.
//!
//! `cargo run --release --example load -- URL [--token T] [--post JSON] [--concurrency 32]
//!  [--seconds 10] [--max-requests 200000]`

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    url: String,
    token: Option<String>,
    post: Option<String>,
    concurrency: usize,
    seconds: u64,
    max_requests: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut args = Args {
        url: String::new(),
        token: None,
        post: None,
        concurrency: 32,
        seconds: 10,
        max_requests: 200_000,
    };
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--token" => args.token = Some(value()?),
            "--post" => args.post = Some(value()?),
            "--concurrency" => args.concurrency = value()?.parse().map_err(|e| format!("{e}"))?,
            "--seconds" => args.seconds = value()?.parse().map_err(|e| format!("{e}"))?,
            "--max-requests" => args.max_requests = value()?.parse().map_err(|e| format!("{e}"))?,
            _ => args.url = a,
        }
    }
    let parsed = url::Url::parse(&args.url).map_err(|e| format!("URL {:?}: {e}", args.url))?;
    let loopback = match parsed.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    };
    if !loopback {
        return Err("only loopback addresses (127.0.0.1, localhost, ::1) may be loaded".into());
    }
    Ok(args)
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .build()
        .expect("HTTP client");
    let sent = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..args.concurrency {
        let (client, args, sent, failed) =
            (client.clone(), args.clone(), sent.clone(), failed.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline
                && sent.fetch_add(1, Ordering::Relaxed) < args.max_requests
            {
                let mut req = match &args.post {
                    Some(body) => client
                        .post(&args.url)
                        .header("Content-Type", "application/json")
                        .body(body.clone()),
                    None => client.get(&args.url),
                };
                if let Some(t) = &args.token {
                    req = req.bearer_auth(t);
                }
                let t0 = Instant::now();
                match req.send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        latencies.push(t0.elapsed());
                    }
                    _ => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for w in workers {
        latencies.extend(w.await.unwrap_or_default());
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    println!(
        "{}: {} ok, {} failed in {elapsed:.1} s = {:.0} req/s; latency p50 {:.2} ms, p99 {:.2} ms",
        args.url,
        latencies.len(),
        failed.load(Ordering::Relaxed),
        latencies.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
    );
}
