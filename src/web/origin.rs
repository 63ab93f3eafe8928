//! Where a request comes from and which address it was sent to. Forwarding headers
//! (`X-Forwarded-For`, `-Host`, `-Proto`, `Forwarded`) are believed only from the reverse proxies
//! named in `CLAIMDESK_TRUSTED_PROXIES`; from anyone else they are ignored.

use super::AppState;
use actix_web::http::header;
use actix_web::HttpRequest;
use std::net::IpAddr;

/// The client and the address a request was sent to, as far as they can be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `http` or `https`.
    pub scheme: String,
    /// Host (and port) the request was sent to.
    pub host: String,
    /// The client's address: the peer's, or the one a trusted proxy reports.
    pub client: String,
}

impl Origin {
    /// Reads the request, believing forwarding headers only from a trusted proxy.
    pub fn of(req: &HttpRequest, state: &AppState) -> Self {
        let peer: Option<IpAddr> = req.peer_addr().map(|a| a.ip());
        let trusted = peer.is_some_and(|ip| state.settings.trusted_proxies.contains(&ip));
        if trusted {
            let info = req.connection_info();
            return Self {
                scheme: info.scheme().to_string(),
                host: info.host().to_string(),
                client: info
                    .realip_remote_addr()
                    .map(strip_port)
                    .unwrap_or_default(),
            };
        }
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| is_plain_host(h))
            .map(str::to_string)
            .unwrap_or_else(|| state.settings.bind.clone());
        Self {
            scheme: "http".into(),
            host,
            client: peer.map(|ip| ip.to_string()).unwrap_or_default(),
        }
    }

    /// True when the browser reached this server over TLS (through a trusted proxy), so the
    /// session cookie must be `Secure`.
    pub fn is_https(&self) -> bool {
        self.scheme == "https"
    }
}

/// `host[:port]` of letters, digits, dots, dashes, brackets and colons only.
fn is_plain_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 255
        && h.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

fn strip_port(addr: &str) -> String {
    match addr.parse::<std::net::SocketAddr>() {
        Ok(sa) => sa.ip().to_string(),
        Err(_) => addr.trim_matches(['[', ']']).to_string(),
    }
}

/// Whether the session cookie must be `Secure`: configured so, the public address is https, or
/// the request came over https through a trusted proxy.
pub fn secure_cookie(req: &HttpRequest, state: &AppState) -> bool {
    state.settings.cookie_secure
        || state
            .settings
            .public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
        || Origin::of(req, state).is_https()
}
