//! What every handler shares.

use crate::content::ContentStore;
use ipnet::IpNet;
use sqlx::AnyPool;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

pub struct Inner {
    pub db: AnyPool,
    pub content: ContentStore,
    /// The site's path prefix, `/` or `/training/`: the session cookie's `Path`.
    pub base_path: String,
    /// Always mark the cookie `Secure` (the server is reached over HTTPS through a proxy that
    /// does not say so); otherwise it is `Secure` when `X-Forwarded-Proto: https` says so.
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`; `proxy.rs`).
    pub trusted_proxies: Vec<IpNet>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
