//! The Yew app. STUB: owned by the UI helper.
pub fn start() {}
