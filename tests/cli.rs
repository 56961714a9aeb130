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

/// Writes the sample with the 2016 investment figure set to `amount` by `device`.
fn sample_with_2016_investment(name: &str, device: &str, amount: &str) -> std::path::PathBuf {
    use taizhang::model::{Amount, ChangeContext, Edit, Period, Record, RecordId};
    let mut dataset = taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset;
    let indicator = RecordId::parse("ind-fai-total").expect("id");
    let mut value = dataset
        .value_at(&indicator, &Period::Year(2016))
        .expect("2016")
        .clone();
    value.amount = Amount::from_canonical(amount).expect("amount");
    let context = ChangeContext {
        device: device.to_string(),
        author: device.to_string(),
        at: "2026-11-27T10:00:00Z".to_string(),
    };
    dataset
        .apply(Edit::Put(Record::Value(value)), &context)
        .expect("edit");
    let path = scratch(name);
    std::fs::write(&path, taizhang::format::write_file(&dataset, None)).expect("write");
    path
}

fn sample_path(name: &str) -> std::path::PathBuf {
    let path = scratch(name);
    std::fs::write(&path, taizhang::sample::LUCHENG_2012_2016).expect("write");
    path
}

#[test]
fn merge_with_a_conflict_lists_it_exits_1_and_writes_nothing_until_resolved() {
    let base = sample_path("base1.json");
    let ours = sample_with_2016_investment("ours.json", "d-ours", "371");
    let theirs = sample_with_2016_investment("theirs.json", "d-theirs", "372");
    let out = scratch("merged.json");
    let _ = std::fs::remove_file(&out);
    let output = cli()
        .arg("merge")
        .args([&base, &ours, &theirs])
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("conflict val-fai-total-2016 固定资产投资额 2016年: amount"),
        "{stdout}"
    );
    assert!(stdout.contains("ours \"371\", theirs \"372\""), "{stdout}");
    assert!(!out.exists(), "nothing is written while a conflict is open");

    let output = cli()
        .arg("merge")
        .args([&base, &ours, &theirs])
        .args(["--resolve", "theirs", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let merged = taizhang::format::read_file(&std::fs::read_to_string(&out).expect("merged"))
        .expect("reads");
    assert_eq!(merged.checksum, taizhang::format::ChecksumStatus::Valid);
    let indicator = taizhang::model::RecordId::parse("ind-fai-total").expect("id");
    let value = merged
        .dataset
        .value_at(&indicator, &taizhang::model::Period::Year(2016))
        .expect("2016");
    assert_eq!(value.amount.canonical(), "372");
}

#[test]
fn merge_of_disjoint_edits_succeeds_without_help() {
    let base = sample_path("base2.json");
    let ours = sample_with_2016_investment("ours2.json", "d-ours", "371");
    let out = scratch("merged2.json");
    let output = cli()
        .arg("merge")
        .args([&base, &ours, &base])
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("values: 0 created"));
}

#[test]
fn diff_names_each_changed_field_and_stats_counts_the_ledger() {
    let base = sample_path("base3.json");
    let ours = sample_with_2016_investment("ours3.json", "d-ours", "371");
    let output = cli()
        .arg("diff")
        .args([&base, &ours])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(
            "~ values val-fai-total-2016 固定资产投资额 2016年: amount: \"370\" → \"371\""
        ),
        "{stdout}"
    );
    assert!(stdout.contains("1 differences"), "{stdout}");
    let same = cli()
        .arg("diff")
        .args([&base, &base])
        .output()
        .expect("runs");
    assert!(same.status.success());

    let output = cli().arg("stats").arg(&base).output().expect("runs");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("固定资产投资: "), "{stdout}");
    assert!(stdout.contains("checksum: valid"), "{stdout}");
}

#[test]
fn each_command_has_its_own_help_and_unknown_options_are_refused() {
    let output = cli().args(["generate", "--help"]).output().expect("runs");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Usage: taizhang-cli generate"), "{stdout}");
    assert!(stdout.contains("--indicators"), "{stdout}");
    // Help, not a generated ledger.
    assert!(
        !stdout.contains("\"format_version\""),
        "{}",
        &stdout[..200.min(stdout.len())]
    );

    let output = cli()
        .args(["generate", "--indicatorz", "5"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--indicatorz"), "{stderr}");
    assert!(output.stdout.is_empty());

    let output = cli().args(["merge", "a.json"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn validate_in_english_says_everything_in_english() {
    let mut file: serde_json::Value =
        serde_json::from_str(taizhang::sample::LUCHENG_2012_2016).expect("sample is JSON");
    file["values"][0]["indicator"] = serde_json::json!("ind-nope");
    file["values"][1]["period"] = serde_json::json!("2016-13");
    file["projects"][0]["code"] = serde_json::json!("1606-33030-48-01-00001X");
    let path = scratch("english.json");
    std::fs::write(&path, file.to_string()).expect("write");
    let output = cli()
        .arg("validate")
        .arg(&path)
        .args(["--lang", "en"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("\"ind-nope\", which does not exist"),
        "{stdout}"
    );
    assert!(stdout.contains("Invalid project code"), "{stdout}");
    assert!(stdout.contains("Month 13"), "{stdout}");
    // No Chinese but the file's own data (record names in the summary line are not printed).
    for line in stdout.lines() {
        assert!(
            !line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{line}"
        );
    }
}

#[test]
fn check_reports_the_findings_of_the_figures_and_fails_on_an_error() {
    let path = sample_path("check-sample.json");
    let output = cli().arg("check").arg(&path).output().expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "the sample states wrong figures"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("[错误] 增长 · 2016年固定资产投资额 ← 2012年固定资产投资额\n  不符:表述为 170%,按台账计算为 69.7%"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  数据支持的表述: 增长69.7% / 是2012年的1.7倍"),
        "{stdout}"
    );
    assert!(
        stdout.contains("相符:表述为 1338.71亿元,按台账计算为 1338.7164亿元"),
        "{stdout}"
    );
    let summary = stdout.lines().last().expect("a summary line");
    assert_eq!(summary, "错误 2 项,提醒 2 项,无法核对 29 项,已核实 18 项");

    let output = cli()
        .args(["check", "--json", "--lang", "en"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON out");
    assert_eq!(json["counts"]["error"], 2);
    assert_eq!(json["counts"]["cannot_check"], 29);
    let growth = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["stated"] == "170")
        .expect("the 170 % finding");
    assert_eq!(growth["severity"], "error");
    assert_eq!(growth["computed"], "69.7");
    assert_eq!(
        growth["supported"],
        serde_json::json!(["up 69.7 %", "1.7 times the figure of 2012"])
    );
    assert_eq!(growth["figures"][0]["name"], "Fixed-asset investment, 2016");
}

#[test]
fn check_in_english_shows_no_chinese_but_the_source_sentences() {
    let path = sample_path("check-english.json");
    let output = cli()
        .args(["check", "--lang", "en"])
        .arg(&path)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Does not hold: stated 170 %"), "{stdout}");
    for line in stdout.lines() {
        // Source sentences and notes are the user's data; record names come in English.
        if line.starts_with("  Source: ") {
            continue;
        }
        assert!(
            !line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{line}"
        );
    }
}

#[test]
fn check_a_word_draft_against_the_ledger_and_itself() {
    let docx = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/draft/lucheng-approvals.docx");
    let ledger = sample_path("check-draft.json");
    let output = cli()
        .arg("check")
        .arg(&ledger)
        .arg("--draft")
        .arg(&docx)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    // 941 against its parts 641 + 250 + 23 = 914: the draft contradicts itself.
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("914个(641 + 250 + 23)"), "{stdout}");
    let tally = stdout.lines().last().expect("tally");
    assert!(tally.starts_with("共 8 个数字:与台账一致 8,"), "{tally}");

    // With no ledger, only the draft's own statements.
    let alone = scratch("own.txt");
    std::fs::write(
        &alone,
        "今年安排重点项目120个,已开工78个,开工率65%,未开工42个。",
    )
    .expect("write");
    let output = cli()
        .args(["check", "--draft"])
        .arg(&alone)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("成立 2,不成立 0"), "{stdout}");
}

#[test]
fn check_draft_alone_exits_1_when_the_draft_contradicts_itself() {
    // No ledger: "开工率70%" after 78 of 120 started is 65.0 %.
    let draft = scratch("own-fails.txt");
    std::fs::write(
        &draft,
        "今年安排重点项目120个,已开工78个,开工率70%,未开工42个。",
    )
    .expect("write");
    let output = cli()
        .args(["check", "--draft"])
        .arg(&draft)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("开工率应为65.0%(78个÷120个),文中为70%"),
        "{stdout}"
    );
    assert!(stdout.contains("成立 1,不成立 1"), "{stdout}");
}

#[test]
fn report_writes_the_first_draft_as_markdown_in_either_language() {
    let path = sample_path("report.json");
    let out = scratch("report.md");
    let status = cli()
        .arg("report")
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let markdown = std::fs::read_to_string(&out).expect("written");
    assert!(
        markdown
            .starts_with("# 2012—2016年工作总结\n\n## 一、2012—2016年主要工作\n\n### (一)规划\n"),
        "{markdown}"
    );
    assert!(markdown.contains("2016年获中央预算内投资补助8300万元,比上年增长83.1%。"));
    let output = cli()
        .args(["report", "--lang", "en"])
        .arg(&path)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("up 83.1 % on the year before"), "{stdout}");
}

#[test]
fn report_writes_a_word_document_to_a_file_and_refuses_a_terminal() {
    use std::io::Read;
    let path = sample_path("report-docx.json");
    let out = scratch("report.docx");
    let status = cli()
        .args(["report", "--format", "docx"])
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    let bytes = std::fs::read(&out).expect("written");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("the document")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    // The same text as the page's: headings at their levels, the prose, real tables.
    assert!(xml.contains("<w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t xml:space=\"preserve\">2012—2016年工作总结</w:t>"));
    assert!(xml.contains("<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">(二)固定资产投资</w:t>"));
    assert!(xml.contains("<w:pStyle w:val=\"Heading3\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1.固定资产投资额</w:t>"));
    assert!(xml.contains("2016年获中央预算内投资补助8300万元,比上年增长83.1%。"));
    assert!(xml.contains("<w:tbl>") && xml.contains("<w:tblHeader/>"));
    assert!(
        xml.contains("台账中没有该期数值"),
        "a missing year is a row saying so"
    );
    // No charts from the command line (the browser draws them).
    assert!(!xml.contains("r:embed="));
    // A Word file never goes to the terminal: without -o, the reason and exit 2.
    let output = cli()
        .args(["report", "--format", "docx"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "Word 文档要写到文件:请用 -o 给出 .docx 文件名"
    );
}

#[test]
fn a_reader_that_goes_away_ends_the_output_without_a_panic() {
    // `taizhang-cli check FILE | head -1`: the pipe closes while findings are still printed.
    let path = sample_path("pipe.json");
    let mut child = cli()
        .arg("check")
        .arg(&path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), Some(101), "{stderr}");
}

#[test]
fn export_sheet_then_import_sheet_gives_the_ledger_back_and_a_bad_cell_is_placed() {
    let sample = sample_path("sheet-sample.json");
    let xlsx = scratch("ledger.xlsx");
    let status = cli()
        .arg("export-sheet")
        .arg(&sample)
        .arg("-o")
        .arg(&xlsx)
        .status()
        .expect("runs");
    assert!(status.success());
    // Into its own ledger: nothing to add, nothing in conflict.
    let same = scratch("same.json");
    let output = cli()
        .arg("import-sheet")
        .arg(&xlsx)
        .arg("--into")
        .arg(&sample)
        .arg("-o")
        .arg(&same)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    // Into a new ledger: everything the workbook holds, and the mapping used written out.
    let fresh = scratch("fresh.json");
    let mapping = scratch("mapping.json");
    let output = cli()
        .arg("import-sheet")
        .arg(&xlsx)
        .arg("--write-mapping")
        .arg(&mapping)
        .arg("-o")
        .arg(&fresh)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("values: +163 ~0 !0"), "{stdout}");
    assert!(stdout.contains("projects: +23 ~0 !0"), "{stdout}");
    let layout: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&mapping).expect("mapping")).expect("json");
    assert_eq!(layout["sheets"][1]["sheet"], "固定资产投资");
    assert_eq!(layout["sheets"][1]["role"], "figures");
    // A CSV typed by hand with text where a figure belongs: the problem at its cell, and
    // nothing is written.
    let csv = scratch("typed.csv");
    std::fs::write(
        &csv,
        "指标,单位,2015年,2016年\r\n固定资产投资额,亿元,1200,待定\r\n",
    )
    .expect("written");
    let refused = scratch("refused.json");
    let output = cli()
        .args(["--lang", "en", "import-sheet"])
        .arg(&csv)
        .arg("-o")
        .arg(&refused)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("typed.csv: D2: not a figure: \"待定\" is not a number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("The workbook was not imported: 1 problems; nothing in the ledger changed"),
        "{stderr}"
    );
    assert!(!refused.exists());
}

#[test]
fn export_sheet_to_a_csv_file_writes_the_named_sheet_with_a_bom() {
    let sample = sample_path("csv-sample.json");
    let csv = scratch("督办事项.csv");
    let output = cli()
        .arg("export-sheet")
        .arg(&sample)
        .args(["--sheet", "督办事项", "-o"])
        .arg(&csv)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&csv).expect("written");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let first_line = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    assert_eq!(
        first_line,
        "项目名称,项目代码,督办问题,责任单位,提出日期,办结时限,办理状态,整改情况"
    );
    // Without --sheet, the first sheet (the first work area); an unknown sheet is refused.
    let first = scratch("first.csv");
    let status = cli()
        .arg("export-sheet")
        .arg(&sample)
        .arg("-o")
        .arg(&first)
        .status()
        .expect("runs");
    assert!(status.success());
    let text = std::fs::read_to_string(&first).expect("written");
    assert!(text.starts_with("\u{feff}序号,指标,单位,"), "{text}");
    let output = cli()
        .args(["--lang", "en", "export-sheet"])
        .arg(&sample)
        .args(["--sheet", "没有这张表", "-o"])
        .arg(scratch("none.csv"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the workbook has no such sheet"));
}

#[test]
fn import_sheet_reads_as_a_corrected_mapping_says() {
    let csv = scratch("mapped.csv");
    std::fs::write(
        &csv,
        "指标,单位,2015年,2016年,备注\r\n固定资产投资额,亿元,320,370,全区\r\n民间投资,亿元,150,180,\r\n",
    )
    .expect("written");
    // The guessed reading, written out: the file's name is the work area, both years read.
    let mapping = scratch("mapped-mapping.json");
    let guessed = scratch("mapped-guessed.json");
    let output = cli()
        .arg("import-sheet")
        .arg(&csv)
        .arg("--write-mapping")
        .arg(&mapping)
        .arg("-o")
        .arg(&guessed)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("values: +4"));
    let mut layout: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&mapping).expect("mapping")).expect("json");
    assert_eq!(layout["sheets"][0]["area"], "mapped");
    assert_eq!(layout["sheets"][0]["columns"][3]["is"], "period");
    assert_eq!(layout["sheets"][0]["columns"][3]["of"], "2016");
    // Corrected: another work area, and the 2016 column not read.
    layout["sheets"][0]["area"] = "固定资产投资".into();
    layout["sheets"][0]["columns"][3] = serde_json::json!({ "is": "ignore" });
    std::fs::write(&mapping, layout.to_string()).expect("written");
    let corrected = scratch("mapped-corrected.json");
    let output = cli()
        .arg("import-sheet")
        .arg(&csv)
        .arg("--mapping")
        .arg(&mapping)
        .arg("-o")
        .arg(&corrected)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("values: +2"));
    let ledger = taizhang::format::read_file(&std::fs::read_to_string(&corrected).expect("read"))
        .expect("a ledger")
        .dataset;
    let areas: Vec<String> = ledger.areas().iter().map(|a| a.name.clone()).collect();
    assert_eq!(areas, ["固定资产投资"]);
    let mut periods: Vec<String> = ledger.values().map(|v| v.period.code()).collect();
    periods.sort();
    assert_eq!(periods, ["2015", "2015"]);
}

#[test]
fn a_draft_in_another_language_gets_a_clear_message_not_a_panic() {
    // English and French prose: nothing the reader of Chinese work reports can check, said in
    // so many words (the ledger's own findings may still make the command exit 1).
    let ledger = sample_path("check-foreign.json");
    for (name, text) in [
        (
            "english.txt",
            "The bureau reviewed its key projects and coordinated their approvals.",
        ),
        (
            "french.txt",
            "Le bureau a coordonné les projets clés et leurs autorisations.",
        ),
    ] {
        let draft = scratch(name);
        std::fs::write(&draft, text).expect("write");
        let output = cli()
            .arg("check")
            .arg(&ledger)
            .arg("--draft")
            .arg(&draft)
            .args(["--lang", "en"])
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_ne!(output.status.code(), Some(101), "{stderr}");
        assert!(
            stdout.contains("No figures to check were found: the check reads the figures of a work report written in Chinese"),
            "{name}: {stdout}"
        );
    }
}
