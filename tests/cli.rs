//! The command-line tool over the same core: `generate` writes a file `check` accepts, and
//! `check` reports a bad file's problems with their JSON paths and a failing exit status.

use std::process::Command;

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_taizhang-cli"))
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("taizhang-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

#[test]
fn generate_writes_a_ledger_that_check_accepts() {
    let path = scratch("generated.json");
    let status = cli()
        .args([
            "generate",
            "--indicators",
            "20",
            "--years",
            "5",
            "--seed",
            "9",
            "-o",
        ])
        .arg(&path)
        .status()
        .expect("runs");
    assert!(status.success());
    let output = cli().arg("check").arg(&path).output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("20 indicators, 100 values"), "{stdout}");
    assert!(stdout.contains("0 problems"), "{stdout}");
}

#[test]
fn check_lists_every_problem_with_its_path_and_fails() {
    let mut file: serde_json::Value =
        serde_json::from_str(taizhang::sample::LUCHENG_2012_2016).expect("sample is JSON");
    file["values"][0]["amount"] = serde_json::json!("abc");
    file["values"][1]["period"] = serde_json::json!("2016-13");
    let path = scratch("bad.json");
    std::fs::write(&path, file.to_string()).expect("write");
    let output = cli().arg("check").arg(&path).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("$.values[0].amount"), "{stdout}");
    assert!(stdout.contains("$.values[1].period"), "{stdout}");
    assert!(stdout.contains("2 problems"), "{stdout}");
}

#[test]
fn check_refuses_what_is_not_a_taizhang_file() {
    let path = scratch("other.json");
    std::fs::write(&path, r#"{"type": "excalidraw", "version": 2}"#).expect("write");
    let output = cli().arg("check").arg(&path).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("不是台账文件"));
}

#[test]
fn unknown_commands_print_usage_and_exit_2() {
    let output = cli().arg("frobnicate").output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage"));
}
