//! `drill serve` as a host runs it: it starts on an empty SQLite folder, prints the URL and
//! the first administrator's one-time code, answers on that URL, and refuses bad flags with a
//! message. (The API itself is tested in crates/server/tests.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("drill-cli-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn scenarios() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

/// Starts the server on a free port; returns it with the lines it printed up to the code.
fn start(data: &std::path::Path, extra: &[&str]) -> (Child, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_drill"))
        .args(["serve", "--no-site", "--port", "0", "--data"])
        .arg(data)
        .arg("--scenarios")
        .arg(scenarios())
        .args(extra)
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 {
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            panic!("drill serve ended early: {lines:?} {err}");
        }
        lines.push(line.trim_end().to_owned());
        if line.contains("一次性登录码") {
            break;
        }
    }
    // Keep reading what it prints: a closed pipe would end it at its next line.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    (child, lines)
}

fn http_get(url: &str, path: &str) -> String {
    let hostport = url.trim_start_matches("http://").split('/').next().unwrap();
    let mut s = TcpStream::connect(hostport).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {hostport}\r\nConnection: close\r\n\r\n").unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    reply
}

#[test]
fn serve_prints_the_url_and_a_first_administrator_code_and_answers() {
    let data = temp("first");
    let (mut child, lines) = start(&data, &["--base-path", "training"]);
    let url = lines[0].split('：').nth(1).unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:") && url.ends_with("/training/"), "{lines:?}");
    let code_line = lines.iter().find(|l| l.contains("一次性登录码")).unwrap();
    assert!(code_line.contains("工号 admin"), "{code_line}");
    let reply = http_get(&url, "/training/api/v1/status");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("\"mode\":\"server\""));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(data.join("drill.db").is_file(), "the SQLite file is under --data");
    // Started again before the administrator signed in: a new code (the old one is only a hash).
    let (mut child, lines) = start(&data, &[]);
    assert!(lines.iter().any(|l| l.contains("一次性登录码")), "{lines:?}");
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(data);
}

#[test]
fn serve_refuses_bad_flags_with_a_message() {
    let data = temp("bad");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_drill")).arg("serve").args(args).env_remove("DATABASE_URL").output().unwrap()
    };
    let out = run(&["--no-site", "--database", "mysql://x/y", "--data", data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不支持的数据库地址"));
    let out = run(&[
        "--site",
        data.join("nothing").to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--scenarios",
        scenarios().to_str().unwrap(),
        "--port",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("index.html"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["--no-site", "--base-path", "/../x/", "--data", data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--base-path"));
    let out = run(&["--no-site", "--trusted-proxy", "10.0.0.0/33", "--data", data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("不是有效的 IP 地址或网段"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let help = run(&["--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in ["--host", "--port", "--data", "--database", "--base-path", "--scenarios", "--site", "--trusted-proxy"]
    {
        assert!(help.contains(flag), "{flag} in --help");
    }
    let _ = std::fs::remove_dir_all(data);
}
