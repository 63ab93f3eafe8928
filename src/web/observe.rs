//! What an operator sees of each request: a request id (kept from a well-formed
//! `X-Request-Id`, else made here) on every log line the request causes and on the response,
//! one log line per request, and per-route counts and latencies for `/metrics`.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Instant;
use tracing::Instrument;

/// Upper bounds (seconds) of the latency histogram's buckets.
const BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

/// Counts and latencies of one (method, route, status).
#[derive(Debug, Default, Clone)]
struct Series {
    count: u64,
    seconds: f64,
    /// Requests at or under each bound of [`BUCKETS`] (cumulative, as Prometheus wants).
    buckets: [u64; BUCKETS.len()],
}

/// Per-route request metrics of this instance.
#[derive(Debug, Default)]
pub struct RouteMetrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
    /// Queries `/metrics` itself has run (left out of the query count it reports).
    scrape_queries: std::sync::atomic::AtomicU64,
}

impl RouteMetrics {
    /// Counts one query run by a scrape; returns how many scrapes' queries there have been.
    pub fn count_scrape_query(&self) -> u64 {
        self.scrape_queries
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1
    }

    fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let mut map = self.series.lock().unwrap_or_else(|e| e.into_inner());
        let s = map
            .entry((method.to_string(), route.to_string(), status))
            .or_default();
        s.count += 1;
        s.seconds += seconds;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                s.buckets[i] += 1;
            }
        }
    }

    /// The Prometheus text of every series: `claimdesk_http_requests_total` and the
    /// `claimdesk_http_request_duration_seconds` histogram.
    pub fn render(&self, out: &mut String) {
        let map = self
            .series
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        out.push_str(
            "# HELP claimdesk_http_requests_total Requests answered, per route and status.\n\
             # TYPE claimdesk_http_requests_total counter\n",
        );
        for ((method, route, status), s) in &map {
            out.push_str(&format!(
                "claimdesk_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {}\n",
                s.count
            ));
        }
        out.push_str(
            "# HELP claimdesk_http_request_duration_seconds Time to answer, per route.\n\
             # TYPE claimdesk_http_request_duration_seconds histogram\n",
        );
        let mut per_route: BTreeMap<(&str, &str), Series> = BTreeMap::new();
        for ((method, route, _), s) in &map {
            let total = per_route.entry((method, route)).or_default();
            total.count += s.count;
            total.seconds += s.seconds;
            for (t, b) in total.buckets.iter_mut().zip(s.buckets) {
                *t += b;
            }
        }
        for ((method, route), s) in per_route {
            let labels = format!("method=\"{method}\",route=\"{route}\"");
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                out.push_str(&format!(
                    "claimdesk_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {n}\n"
                ));
            }
            out.push_str(&format!(
                "claimdesk_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\n\
                 claimdesk_http_request_duration_seconds_sum{{{labels}}} {}\n\
                 claimdesk_http_request_duration_seconds_count{{{labels}}} {}\n",
                s.count, s.seconds, s.count
            ));
        }
    }
}

/// A request id a client or proxy sent, if it is short and plain; else a new one.
fn request_id(req: &ServiceRequest) -> String {
    req.headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            (1..=64).contains(&v.len())
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string())
}

/// The middleware.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = request_id(&req);
    let method = req.method().to_string();
    // The route's pattern ("/api/v1/articles/{id}"), never the raw path: ids stay out of the
    // metrics and the number of series stays bounded.
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_string());
    let metrics = req
        .app_data::<actix_web::web::Data<crate::web::AppState>>()
        .map(|s| s.metrics.clone());
    let span = tracing::info_span!("request", id = %id, method = %method, route = %route);
    let started = Instant::now();
    let result = next.call(req).instrument(span.clone()).await;
    let seconds = started.elapsed().as_secs_f64();
    let mut response = result?;
    let status = response.status().as_u16();
    if let Some(metrics) = metrics {
        metrics.record(&method, &route, status, seconds);
    }
    span.in_scope(|| {
        tracing::info!(status, ms = format!("{:.1}", seconds * 1000.0), "answered");
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_is_cumulative_and_labelled_by_route() {
        let m = RouteMetrics::default();
        m.record("GET", "/api/v1/articles/{id}", 200, 0.003);
        m.record("GET", "/api/v1/articles/{id}", 404, 0.2);
        let mut out = String::new();
        m.render(&mut out);
        assert!(out.contains(
            "claimdesk_http_requests_total{method=\"GET\",route=\"/api/v1/articles/{id}\",status=\"200\"} 1"
        ));
        assert!(out.contains("route=\"/api/v1/articles/{id}\",le=\"0.005\"} 1"));
        assert!(out.contains("route=\"/api/v1/articles/{id}\",le=\"0.25\"} 2"));
        assert!(out.contains(
            "claimdesk_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/articles/{id}\"} 2"
        ));
    }
}
