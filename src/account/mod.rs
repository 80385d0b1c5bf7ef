//! Signing in to the team server and what depends on it, for the study page and the staff
//! tools (the trainee page's practice module is at its size budget; its sync bar links to
//! the study page's `#/account`):
//!
//! * `session.rs` — is there a server, and who is signed in (`use_session`).
//! * `sign_in.rs` — the sign-in form: 工号 and one-time code (setting a password), or 工号
//!   and password.
//! * `page.rs` — the trainee's account view: sign in, bring the record back from the
//!   server, upload the record from before signing in once (after confirming), sign out.

pub mod page;
pub mod session;
pub mod sign_in;

pub use page::AccountPage;
pub use session::{use_session, Session, SignedInAs};
pub use sign_in::SignInForm;
