//! What every handler shares.

use crate::content::ContentStore;
use crate::throttle::Throttle;
use sqlx::AnyPool;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

pub struct Inner {
    pub db: AnyPool,
    pub content: ContentStore,
    pub throttle: Throttle,
    /// The site's path prefix, `/` or `/training/`: the session cookie's `Path`.
    pub base_path: String,
    /// Always mark the cookie `Secure` (the server is reached over HTTPS through a proxy that
    /// does not say so); otherwise it is `Secure` when `X-Forwarded-Proto: https` says so.
    pub secure_cookies: bool,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
