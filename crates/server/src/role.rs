//! The four roles and who may do what (the matrix test in `tests/authz.rs` pins it down).
//! The type itself is the API's (`drill_api::Role`): the pages read the same one.

pub use drill_api::Role;
