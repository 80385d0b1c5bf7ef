//! Free-text handling: normalisation (traditional → simplified, full → half width,
//! punctuation and spaces dropped) and the one-pass banned-phrase matcher.

pub mod normalize;
pub mod taboo;

pub use normalize::{normalize, Normalized};
pub use taboo::{TabooHit, TabooMatcher};
