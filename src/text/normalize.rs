//! Normalisation before matching. STUB: owned by the scoring helper.

/// Normalised text plus, for each normalised char, the index of the char in the original
/// it came from, so hits can be quoted as the trainee typed them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    pub origin: Vec<usize>,
}

pub fn normalize(s: &str) -> Normalized {
    let _ = s;
    todo!("normalize")
}
