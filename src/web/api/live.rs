//! `GET /api/v1/articles/{id}/events`: Server-Sent Events of an article's changes, from
//! whichever instance made them, and of who has it open.
//!
//! Each connection is one task holding a broadcast receiver (signals only name an article) and
//! a bounded queue to the browser; changes are read from the audit trail after the last
//! sequence number sent, so a reconnecting browser (`Last-Event-ID`) gets what it missed and a
//! slow one falls behind without the server holding more than one batch for it. The task ends,
//! and the viewer is forgotten, when the browser goes (the queue closes) or at the next
//! heartbeat after that.

use super::parse_id;
use crate::domain::ArticleId;
use crate::error::AppError;
use crate::service::{live, Actor};
use crate::storage::live::Signal;
use crate::web::auth::ApiUser;
use crate::web::AppState;
use actix_web::web::{self, Bytes};
use actix_web::{HttpRequest, HttpResponse};
use serde_json::json;
use tokio::sync::{broadcast, mpsc};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/articles/{id}/events").route(web::get().to(article_events)));
}

/// Messages queued for one browser at most (a batch of events is one message).
const QUEUE: usize = 8;

async fn article_events(
    state: web::Data<AppState>,
    ApiUser(me): ApiUser,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let article: ArticleId = parse_id(&path, "article")?;
    let last_seen = req
        .headers()
        .get("Last-Event-ID")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    let since = state
        .read(move |conn| live::stream_start(conn, article, last_seen))
        .await?;
    let signals = state.db.live().subscribe();
    let (tx, rx) = mpsc::channel::<Bytes>(QUEUE);
    let stream = Stream {
        state: state.clone(),
        actor: me.actor(),
        id: crate::storage::new_id(),
        article,
        since,
        tx,
        beats: 0,
    };
    actix_web::rt::spawn(stream.run(signals));
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|chunk| (Ok::<_, actix_web::Error>(chunk), rx))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-store"))
        // Reverse proxies (nginx) would otherwise hold events back in their buffers.
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body))
}

/// One browser's stream.
struct Stream {
    state: web::Data<AppState>,
    actor: Actor,
    id: String,
    article: ArticleId,
    /// The sequence number of the last event sent.
    since: i64,
    tx: mpsc::Sender<Bytes>,
    beats: u32,
}

impl Stream {
    async fn run(mut self, mut signals: broadcast::Receiver<Signal>) {
        if self.start().await.is_ok() {
            self.serve(&mut signals).await;
        }
        drop(signals);
        let (stream, article) = (self.id.clone(), self.article);
        let left = self
            .state
            .write(move |conn| live::leave(conn, &stream, article))
            .await;
        if let Err(e) = left {
            tracing::warn!("live updates: forgetting a viewer failed: {e}");
        }
    }

    /// Tells the browser how soon to reconnect, joins the viewers, and sends what a
    /// reconnecting browser missed.
    async fn start(&mut self) -> Result<(), ()> {
        self.send(Bytes::from_static(b"retry: 2000\n\n")).await?;
        let (actor, stream, article) = (self.actor.clone(), self.id.clone(), self.article);
        self.state
            .write(move |conn| live::join(conn, &actor, &stream, article, true))
            .await
            .map_err(|_| ())?;
        self.send_presence().await?;
        self.send_changes().await
    }

    async fn serve(&mut self, signals: &mut broadcast::Receiver<Signal>) {
        let mut heartbeat = tokio::time::interval(live::HEARTBEAT);
        heartbeat.tick().await;
        let article = self.article.to_string();
        loop {
            let sent = tokio::select! {
                signal = signals.recv() => match signal {
                    Ok(Signal::Changed(id)) if id == article => self.send_changes().await,
                    Ok(Signal::Presence(id)) if id == article => self.send_presence().await,
                    Ok(Signal::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => {
                        match self.send_changes().await {
                            Ok(()) => self.send_presence().await,
                            Err(()) => Err(()),
                        }
                    }
                    Ok(_) => Ok(()),
                    Err(broadcast::error::RecvError::Closed) => Err(()),
                },
                _ = heartbeat.tick() => self.beat().await,
                _ = self.tx.closed() => Err(()),
            };
            if sent.is_err() {
                return;
            }
        }
    }

    /// A comment line keeps proxies from closing an idle stream and finds a browser that
    /// left; the presence row is refreshed.
    async fn beat(&mut self) -> Result<(), ()> {
        self.send(Bytes::from_static(b": keep-alive\n\n")).await?;
        self.beats += 1;
        if !self.beats.is_multiple_of(live::PRESENCE_EVERY) {
            return Ok(());
        }
        let (actor, stream, article) = (self.actor.clone(), self.id.clone(), self.article);
        self.state
            .write(move |conn| live::join(conn, &actor, &stream, article, false))
            .await
            .map_err(|_| ())
    }

    /// Sends every event after the last one sent, a batch at a time.
    async fn send_changes(&mut self) -> Result<(), ()> {
        loop {
            let (article, since) = (self.article, self.since);
            let Ok(events) = self
                .state
                .read(move |conn| live::events_after(conn, article, since))
                .await
            else {
                // The database is away for a moment: the next signal or resync reads again.
                return Ok(());
            };
            let Some(last) = events.last().map(|e| e.seq) else {
                return Ok(());
            };
            let full = events.len() as i64 >= live::BATCH;
            let mut chunk = String::new();
            for event in &events {
                let data = serde_json::to_string(event).unwrap_or_default();
                chunk.push_str(&format!("id: {}\ndata: {data}\n\n", event.seq));
            }
            self.send(Bytes::from(chunk)).await?;
            self.since = last;
            if !full {
                return Ok(());
            }
        }
    }

    async fn send_presence(&mut self) -> Result<(), ()> {
        let article = self.article;
        let Ok(viewers) = self
            .state
            .read(move |conn| live::viewers(conn, article))
            .await
        else {
            return Ok(());
        };
        let data = json!({"type": "presence", "viewers": viewers});
        self.send(Bytes::from(format!("data: {data}\n\n"))).await
    }

    async fn send(&self, chunk: Bytes) -> Result<(), ()> {
        self.tx.send(chunk).await.map_err(|_| ())
    }
}
