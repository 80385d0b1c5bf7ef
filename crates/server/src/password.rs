//! Passwords and one-time codes, hashed with argon2id (the `argon2` crate's defaults: 19 MiB,
//! two passes, one lane, the OWASP minimum) in PHC strings that carry their own parameters.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

pub fn hash(secret: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(secret.as_bytes(), &salt).expect("argon2 with default parameters").to_string()
}

pub fn verify(secret: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| Argon2::default().verify_password(secret.as_bytes(), &parsed).is_ok())
}

/// A dummy hash, verified when the account does not exist so a wrong 工号 takes as long as a
/// wrong password.
pub fn dummy_verify(secret: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("dummy-password-for-timing"));
    let _ = verify(secret, phc);
}

/// What a new password must be: 8 to 128 characters.
pub fn check_new(password: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n < 8 {
        Err("密码至少 8 个字符")
    } else if n > 128 {
        Err("密码最多 128 个字符")
    } else {
        Ok(())
    }
}
