//! The work summary written from the ledger (`report`): the wording rules on the sample's own
//! figures, the first draft read against the seed's paragraphs, gaps instead of zeros, and the
//! same report in English.

use taizhang::model::{Dataset, Lang, Period, RecordId};
use taizhang::report::{
    first_draft, growth_wording, paragraph_text, render_token, to_markdown, Block, Rendered, Token,
};

fn sample() -> Dataset {
    taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset
}

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("id")
}

fn wording(dataset: &Dataset, indicator: &str, from: Period, to: Period, lang: Lang) -> String {
    let before = dataset.value_at(&id(indicator), &from).expect("before");
    let after = dataset.value_at(&id(indicator), &to).expect("after");
    growth_wording(dataset, before, after)
        .expect("comparable")
        .text(lang)
}

#[test]
fn a_change_is_said_in_the_words_its_figures_call_for() {
    let d = sample();
    // The year before: 4533 → 8300万元 (the seed: "比去年全年增长83.1%").
    assert_eq!(
        wording(
            &d,
            "ind-central-subsidy",
            Period::Year(2015),
            Period::Year(2016),
            Lang::Zh
        ),
        "比上年增长83.1%"
    );
    // Four years apart and more than half as much again: a multiple (not the seed's "增长了170%").
    assert_eq!(
        wording(
            &d,
            "ind-fai-total",
            Period::Year(2012),
            Period::Year(2016),
            Lang::Zh
        ),
        "是2012年的1.7倍"
    );
    assert_eq!(
        wording(
            &d,
            "ind-fai-total",
            Period::Year(2012),
            Period::Year(2016),
            Lang::En
        ),
        "1.7 times the figure of 2012"
    );
    // A fall.
    assert_eq!(
        wording(
            &d,
            "ind-central-subsidy",
            Period::Year(2014),
            Period::Year(2015),
            Lang::Zh
        ),
        "比上年增长52.1%"
    );
    assert_eq!(
        wording(
            &d,
            "ind-central-subsidy",
            Period::Year(2013),
            Period::Year(2014),
            Lang::Zh
        ),
        "比上年下降51.3%(口径不同)"
    );
    // A part of a year is never set against a full year.
    let full = d
        .value_at(&id("ind-service-value-added"), &Period::Year(2015))
        .expect("2015");
    let part = d
        .value_at(
            &id("ind-service-value-added"),
            &Period::YearToDate {
                year: 2016,
                through_month: 9,
            },
        )
        .expect("2016 Jan–Sep");
    assert_eq!(growth_wording(&d, full, part), None);
}

#[test]
fn the_same_period_a_year_earlier_is_same_period_growth_and_a_rate_moves_by_points() {
    let mut d = sample();
    let put =
        |d: &mut Dataset, indicator: &str, period: Period, amount: &str, unit: Option<&str>| {
            use taizhang::model::{Amount, Edit, Record, Value};
            let indicator = id(indicator);
            if let Some(unit) = unit {
                let mut i = d.indicator(&indicator).expect("indicator").clone();
                i.unit = id(unit);
                d.apply(Edit::Put(Record::Indicator(i)), &context())
                    .expect("unit");
            }
            let value = Value {
                id: RecordId::parse(&format!(
                    "val-test-{}",
                    period.code().replace(['.', '@'], "-").to_lowercase()
                ))
                .expect("id"),
                indicator,
                period,
                amount: Amount(amount.parse().expect("amount")),
                qualifier: Default::default(),
                source: String::new(),
                scope_note: String::new(),
                note: String::new(),
                stamps: Default::default(),
                updated_by: String::new(),
            };
            d.apply(Edit::Put(Record::Value(value)), &context())
                .expect("value");
        };
    let ytd = |year| Period::YearToDate {
        year,
        through_month: 9,
    };
    // 服务业增加值 1—9月 of 2015 (made up for the test) against 2016's 464.2.
    put(&mut d, "ind-service-value-added", ytd(2015), "427", None);
    assert_eq!(
        wording(
            &d,
            "ind-service-value-added",
            ytd(2015),
            ytd(2016),
            Lang::Zh
        ),
        "同比增长8.7%"
    );
    assert_eq!(
        wording(
            &d,
            "ind-service-value-added",
            ytd(2015),
            ytd(2016),
            Lang::En
        ),
        "up 8.7 % year on year"
    );
    // A share in % moves by percentage points.
    put(
        &mut d,
        "ind-approvals-total-count",
        Period::Year(2015),
        "66.1",
        Some("unit-pct"),
    );
    put(
        &mut d,
        "ind-approvals-total-count",
        Period::Year(2016),
        "69.3",
        None,
    );
    assert_eq!(
        wording(
            &d,
            "ind-approvals-total-count",
            Period::Year(2015),
            Period::Year(2016),
            Lang::Zh
        ),
        "比上年提高3.2个百分点"
    );
}

fn context() -> taizhang::model::ChangeContext {
    taizhang::model::ChangeContext {
        device: "d-test".into(),
        author: "tester".into(),
        at: "2016-11-01T00:00:00Z".into(),
    }
}

/// The draft's paragraphs as text, in order.
fn paragraphs(d: &Dataset, lang: Lang) -> Vec<String> {
    first_draft(d, lang)
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(inlines) => Some(paragraph_text(d, inlines, lang)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_samples_first_draft_reads_like_the_seed() {
    let d = sample();
    let doc = first_draft(&d, Lang::Zh);
    assert_eq!(doc.title, "2012—2016年工作总结");
    // Numbered as the seed is: 一、 the years, (一) a work area, 1. an indicator.
    let headings = |wanted: u8| -> Vec<String> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading {
                    level,
                    number,
                    text,
                } if *level == wanted => Some(format!("{number}{text}")),
                _ => None,
            })
            .collect()
    };
    assert_eq!(headings(1), vec!["一、2012—2016年主要工作"]);
    assert_eq!(headings(2)[0], "(一)规划");
    assert_eq!(headings(2)[1], "(二)固定资产投资");
    assert_eq!(headings(3)[0], "1.“十三五”重大项目库总投资");
    let investment = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 2, text, .. } if text == "固定资产投资"))
        .expect("the investment section");
    assert!(matches!(
        &doc.blocks[investment + 1],
        Block::Heading { level: 3, number, text } if number == "1." && text == "固定资产投资额"
    ));
    let text = paragraphs(&d, Lang::Zh);
    // Seed: "从2012年的218亿元到2016年的370亿元,投资增长了170%,五年累计实现投资1485亿元".
    assert!(
        text.contains(
            &"2016年固定资产投资额370亿元,是2012年的1.7倍;2012—2016年累计1485亿元。".to_string()
        ),
        "{text:#?}"
    );
    // Seed: "获得中央预算内投资补助8300万元,比去年全年增长83.1%".
    assert!(text.contains(&"2016年获中央预算内投资补助8300万元,比上年增长83.1%。".to_string()));
    // Seed: "房地产投资五年累计完成约527亿元".
    assert!(text.contains(&"2012—2016年房地产投资额累计约527亿元。".to_string()));
    // Seed: "服务业增加值由2012年的389.49亿元增加至2015年的559.39亿元 … 今年截至9月,实现服务业增加值464.2亿元":
    // the part of 2016 beside the last full year, never compared with it.
    assert!(text.contains(
        &"2015年服务业增加值559.39亿元,比2012年增长43.6%;2016年1—9月为464.2亿元。".to_string()
    ));
    // A point in time.
    assert!(text.contains(&"截至2016年10月底,“十三五”重大项目库总投资2364亿元。".to_string()));
    // An indicator with a run of figures has its table after the paragraph: the page's table
    // (as the chart draws it), every year of the range a row, the years the ledger lacks
    // saying so, and the five-year total not mixed in among the years.
    let markdown = to_markdown(&d, &doc, Lang::Zh);
    assert!(markdown.contains("| 2014年 | 约2,980 |  |"), "{markdown}");
    assert!(
        markdown.contains(
            "2016年固定资产投资额370亿元,是2012年的1.7倍;2012—2016年累计1485亿元。\n\n\
             | 期间 | 数值 (亿元) | 说明 |\n\
             | --- | ---: | --- |\n\
             | 2012年 | 218 |  |\n\
             | 2013年 |  | 台账中没有该期数值 |\n\
             | 2014年 |  | 台账中没有该期数值 |\n\
             | 2015年 |  | 台账中没有该期数值 |\n\
             | 2016年 | 370 |  |\n"
        ),
        "{markdown}"
    );
    assert!(!markdown.contains("| 2012—2016年 |"), "{markdown}");
    assert!(markdown.starts_with(
        "# 2012—2016年工作总结\n\n## 一、2012—2016年主要工作\n\n### (一)规划\n\n#### 1.“十三五”重大项目库总投资\n"
    ));
    assert!(!markdown.contains("【缺"), "the sample's draft has no gaps");
}

#[test]
fn a_missing_figure_is_a_marked_gap_never_zero_and_listed_first() {
    let d = sample();
    let missing = Token::Figure {
        indicator: id("ind-fai-total"),
        period: Period::Year(2014),
    };
    let rendered = render_token(&d, &missing, Lang::Zh);
    assert!(matches!(rendered, Rendered::Gap(_)));
    assert_eq!(
        rendered.text(Lang::Zh),
        "【缺:台账中没有2014年固定资产投资额】"
    );
    assert_eq!(
        render_token(&d, &missing, Lang::En).text(Lang::En),
        "[missing: the ledger has no figure for Fixed-asset investment, 2014]"
    );
    let deleted = Token::Growth {
        indicator: id("ind-gone"),
        from: Period::Year(2015),
        to: Period::Year(2016),
    };
    assert_eq!(
        render_token(&d, &deleted, Lang::Zh).text(Lang::Zh),
        "【缺:所指的指标已不存在(ind-gone)】"
    );
    let doc = taizhang::report::ReportDoc {
        title: "测试".into(),
        blocks: vec![Block::Paragraph(vec![
            taizhang::report::Inline::Text("2014年投资".into()),
            taizhang::report::Inline::Token(missing),
            taizhang::report::Inline::Text("。".into()),
        ])],
    };
    let markdown = to_markdown(&d, &doc, Lang::Zh);
    assert!(markdown.starts_with(
        "# 测试\n\n> 以下数字台账中没有,文中以【缺】标出:\n> - 台账中没有2014年固定资产投资额\n"
    ), "{markdown}");
    assert!(markdown.contains("2014年投资【缺:台账中没有2014年固定资产投资额】。"));
    // A five-year total with years missing is a gap too, not a sum of what is there.
    let total = Token::Cumulative {
        indicator: id("ind-fai-total"),
        from: 2012,
        to: 2016,
    };
    assert!(matches!(
        render_token(&d, &total, Lang::Zh),
        Rendered::Gap(_)
    ));
}

#[test]
fn the_same_report_drafts_in_english_with_the_same_figures() {
    let d = sample();
    let doc = first_draft(&d, Lang::En);
    assert_eq!(doc.title, "Work summary 2012–2016");
    let text = paragraphs(&d, Lang::En);
    // 亿元 in billions, 万元 in millions: the figure's decimal point moved, never rounded.
    assert!(text.contains(&"Fixed-asset investment: 37 billion yuan in 2016, 1.7 times the figure of 2012; 148.5 billion yuan in total over 2012–2016.".to_string()), "{text:#?}");
    assert!(text.contains(&"Central-budget investment subsidies received: 83 million yuan in 2016, up 83.1 % on the year before.".to_string()), "{text:#?}");
    assert!(
        text.contains(
            &"Real-estate investment: about 52.7 billion yuan in total over 2012–2016.".to_string()
        ),
        "{text:#?}"
    );
    // 2000多万元 of pre-project funds.
    let funds = Token::Figure {
        indicator: id("ind-pre-funds-disbursed"),
        period: Period::Span {
            from_year: 2012,
            to_year: 2016,
        },
    };
    assert_eq!(
        render_token(&d, &funds, Lang::En).text(Lang::En),
        "over 20 million yuan"
    );
    assert_eq!(
        render_token(&d, &funds, Lang::Zh).text(Lang::Zh),
        "2000多万元"
    );
    assert!(
        matches!(&doc.blocks[0], Block::Heading { level: 1, number, text } if number == "1. " && text == "Work in 2012–2016")
    );
    // Headings and paragraphs: English only (the sample's names have English).
    let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for paragraph in &text {
        assert!(!chinese(paragraph), "{paragraph}");
    }
    for block in &doc.blocks {
        if let Block::Heading { number, text, .. } = block {
            assert!(!chinese(number) && !chinese(text), "{number}{text}");
        }
    }
}

/// A 4 × 2 pixel PNG (red above blue), made with Python's zlib and struct.
const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 240, 202, 234, 52, 0, 0, 0, 17, 73, 68, 65, 84, 120, 156, 99, 248, 207, 192, 0, 71, 12,
    72, 236, 255, 0, 103, 178, 7, 249, 38, 56, 227, 143, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96,
    130,
];

/// The text of one part of a zip.
fn part(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    match taizhang_sheets::zipped::read_entry(bytes, name, u64::MAX) {
        Ok(out) => Some(out),
        Err(taizhang_sheets::zipped::EntryError::Missing) => None,
        Err(error) => panic!("{name}: {error:?}"),
    }
}

#[test]
fn the_report_goes_to_word_with_headings_real_tables_charts_and_page_numbers() {
    let d = sample();
    let doc = first_draft(&d, Lang::Zh);
    let mut charts = std::collections::BTreeMap::new();
    charts.insert(id("ind-central-subsidy"), PNG.to_vec());
    let bytes = taizhang::report::to_docx(&d, &doc, Lang::Zh, &charts).expect("written");
    // Read back as a draft is: the text is the report's.
    let text = taizhang::format::docx::docx_text(&bytes).expect("reads");
    assert!(
        text.starts_with(
            "2012—2016年工作总结\n一、2012—2016年主要工作\n(一)规划\n1.“十三五”重大项目库总投资\n"
        ),
        "{}",
        &text[..200]
    );
    assert!(text.contains("\n2016年获中央预算内投资补助8300万元,比上年增长83.1%。\n"));
    assert!(
        text.contains("2014年\t约2,980\t\n"),
        "a table row: period, figure, remark"
    );
    assert!(
        text.contains("2013年\t\t台账中没有该期数值\n"),
        "a year the ledger lacks is a row saying so"
    );
    let xml =
        String::from_utf8(part(&bytes, "word/document.xml").expect("document")).expect("UTF-8");
    assert!(xml.contains("<w:pStyle w:val=\"Title\"/>"));
    assert!(xml.contains("<w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">一、2012—2016年主要工作</w:t>"));
    assert!(xml.contains("<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">(二)固定资产投资</w:t>"));
    assert!(xml.contains("<w:pStyle w:val=\"Heading3\"/></w:pPr><w:r><w:t xml:space=\"preserve\">1.固定资产投资额</w:t>"));
    assert!(
        xml.contains("<w:tbl>") && xml.contains("<w:tblHeader/>"),
        "real tables, headers repeated"
    );
    // A4 portrait, GB/T 9704 margins (37 / 26 / 35 / 28 mm in twips), page numbers in the footer.
    assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(xml.contains("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\""));
    let footer =
        String::from_utf8(part(&bytes, "word/footer1.xml").expect("footer")).expect("UTF-8");
    assert!(footer.contains("w:instr=\" PAGE \""));
    // The chart as a PNG image, 150 mm wide and in proportion (4 × 2 px).
    assert_eq!(xml.matches("r:embed=").count(), 1);
    assert!(xml.contains("<wp:extent cx=\"5400000\" cy=\"2700000\"/>"));
    assert_eq!(part(&bytes, "word/media/image1.png").as_deref(), Some(PNG));
    let styles =
        String::from_utf8(part(&bytes, "word/styles.xml").expect("styles")).expect("UTF-8");
    assert!(
        styles.contains("w:eastAsia=\"仿宋_GB2312\"") && styles.contains("<w:sz w:val=\"32\"/>"),
        "body 3号 仿宋"
    );
    for level in 1..=3 {
        assert!(
            styles.contains(&format!("w:styleId=\"Heading{level}\"")),
            "a style for heading level {level}"
        );
    }
}

#[test]
fn the_first_draft_read_back_by_the_draft_check_agrees_with_the_ledger() {
    use taizhang::calc::draft::{check_draft, Mark};
    let d = sample();
    let markdown = to_markdown(&d, &first_draft(&d, Lang::Zh), Lang::Zh);
    let check = check_draft(&markdown, Some(&d), d.meta.document_date);
    // A figure the draft writes out by its indicator's whole name is that indicator's.
    let continuing = check
        .figures
        .iter()
        .find(|f| markdown[f.sentence.clone()].contains("市级重点建设项目中续建6个"))
        .expect("the figure");
    assert!(
        matches!(continuing.mark, Some(Mark::Agrees(_))),
        "{continuing:?}"
    );
    // What the checker still reads wrongly in the report: a growth the report computes for an
    // indicator without a recorded statement is matched to the nearest recorded one (the
    // subsidy's 83.1 % for the count of subsidised projects' 33.3 %), and a part named with a
    // street list is matched to its total. Known limits of the matching, kept visible here.
    let differing: Vec<&str> = check
        .figures
        .iter()
        .filter(|f| match &f.mark {
            Some(Mark::Differs(_)) => true,
            Some(Mark::Relation(r)) => !r.agrees,
            _ => false,
        })
        .map(|f| f.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(differing, vec!["33.3%", "23.97万平方米"]);
}

/// A context for a change by one computer.
fn by(device: &str) -> taizhang::model::ChangeContext {
    taizhang::model::ChangeContext {
        device: device.into(),
        author: device.into(),
        at: "2016-11-01T00:00:00Z".into(),
    }
}

#[test]
fn a_summary_kept_in_the_ledger_travels_in_the_file_undoes_and_merges() {
    use taizhang::model::{Edit, Record, RecordKind};
    let d = sample();
    let mut workspace = taizhang::workspace::Workspace::new(d.clone(), "d-a", "王芳");
    let summary = first_draft(&d, Lang::Zh).into_summary(id("sum-2016"));
    workspace
        .apply(
            Edit::Put(Record::Summary(summary.clone())),
            "2016-11-01T00:00:00Z",
        )
        .expect("kept");
    // In the file: a `summaries` collection whose tokens name indicators and periods.
    let text = taizhang::format::write_file(workspace.dataset(), None);
    let file: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let blocks = &file["summaries"][0]["blocks"];
    assert_eq!(
        blocks[0],
        serde_json::json!({"heading": {"level": 1, "number": "一、", "text": "2012—2016年主要工作"}})
    );
    assert_eq!(
        blocks[1],
        serde_json::json!({"heading": {"level": 2, "number": "(一)", "text": "规划"}})
    );
    let paragraph = blocks
        .as_array()
        .expect("blocks")
        .iter()
        .find(|b| b["paragraph"].to_string().contains("ind-central-subsidy"))
        .expect("the subsidy paragraph");
    assert_eq!(
        paragraph["paragraph"][1],
        serde_json::json!({"figure": {"indicator": "ind-central-subsidy", "period": "2016"}})
    );
    assert_eq!(
        paragraph["paragraph"][3],
        serde_json::json!({"growth": {"indicator": "ind-central-subsidy", "from": "2015", "to": "2016"}})
    );
    let read = taizhang::format::read_file(&text).expect("reads");
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(
        read.dataset.summary(&id("sum-2016")).map(|s| &s.blocks),
        Some(&summary.blocks)
    );
    // One step of the history.
    workspace.undo("2016-11-01T00:01:00Z").expect("undone");
    assert_eq!(workspace.dataset().count(RecordKind::Summary), 0);

    // Merged like any record: their new title comes in, our deleted indicator leaves a gap.
    let mut base = d.clone();
    base.apply(Edit::Put(Record::Summary(summary.clone())), &by("d-a"))
        .expect("base");
    let mut theirs = base.clone();
    let mut retitled = summary.clone();
    retitled.title = "鹿城区发改局2012—2016年工作总结".into();
    theirs
        .apply(Edit::Put(Record::Summary(retitled)), &by("d-b"))
        .expect("theirs");
    let merged = taizhang::format::merge::merge(&base, &base, &theirs).resolve(&[]);
    let kept = merged.dataset.summary(&id("sum-2016")).expect("kept");
    assert_eq!(kept.title, "鹿城区发改局2012—2016年工作总结");
    let doc = taizhang::report::ReportDoc::of_summary(kept);
    let mut without = merged.dataset.clone();
    let edit = without.delete_indicator_edit(&id("ind-central-subsidy"));
    without.apply(edit, &by("d-a")).expect("deleted");
    let markdown = to_markdown(&without, &doc, Lang::Zh);
    assert!(
        markdown.contains("2016年获中央预算内投资补助【缺:所指的指标已不存在(ind-central-subsidy)】,【缺:所指的指标已不存在(ind-central-subsidy)】。"),
        "{markdown}"
    );
    assert!(markdown.starts_with("# 鹿城区发改局2012—2016年工作总结\n\n> 以下数字台账中没有"));
}

#[test]
fn a_share_and_a_rank_are_said_from_the_ledger_and_travel_in_the_file() {
    let d = sample();
    // 房地产投资 约527亿元 of 固定资产投资 1485亿元 over 2012–2016.
    let share = Token::Share {
        indicator: id("ind-realestate-investment"),
        period: Period::Span {
            from_year: 2012,
            to_year: 2016,
        },
        whole: id("ind-fai-total"),
        whole_period: Period::Span {
            from_year: 2012,
            to_year: 2016,
        },
    };
    assert_eq!(
        render_token(&d, &share, Lang::Zh).text(Lang::Zh),
        "占2012—2016年固定资产投资额的35.5%"
    );
    assert_eq!(
        render_token(&d, &share, Lang::En).text(Lang::En),
        "35.5 % of Fixed-asset investment, 2012–2016"
    );
    // 8300万元 in 2016 is the highest of the five years of subsidies.
    let rank = Token::Rank {
        indicator: id("ind-central-subsidy"),
        period: Period::Year(2016),
    };
    assert_eq!(
        render_token(&d, &rank, Lang::Zh).text(Lang::Zh),
        "居2012年至2016年5个同期数中第1位"
    );
    // In a summary, both survive the file.
    let summary = taizhang::model::Summary {
        id: id("sum-tokens"),
        title: "测试".into(),
        blocks: vec![Block::Paragraph(vec![
            taizhang::report::Inline::Token(share),
            taizhang::report::Inline::Token(rank),
        ])],
        stamps: Default::default(),
        updated_by: String::new(),
    };
    let mut with = d.clone();
    with.apply(
        taizhang::model::Edit::Put(taizhang::model::Record::Summary(summary.clone())),
        &by("d-a"),
    )
    .expect("kept");
    let read =
        taizhang::format::read_file(&taizhang::format::write_file(&with, None)).expect("reads");
    assert_eq!(
        read.dataset.summary(&id("sum-tokens")),
        with.summary(&id("sum-tokens"))
    );
}

#[test]
fn a_share_whose_units_cannot_convert_is_a_gap_never_a_number() {
    let d = sample();
    // The count of subsidised projects (个) as a share of the subsidy (万元): no conversion.
    let share = Token::Share {
        indicator: id("ind-central-subsidy-projects"),
        period: Period::Year(2016),
        whole: id("ind-central-subsidy"),
        whole_period: Period::Year(2016),
    };
    assert_eq!(
        render_token(&d, &share, Lang::Zh).text(Lang::Zh),
        "【缺:单位不能换算】"
    );
    assert_eq!(
        render_token(&d, &share, Lang::En).text(Lang::En),
        "[missing: the units do not convert]"
    );
    // Two counts in different units with no exact conversion (4个 projects subsidised, 60多项
    // inspection problems, both in 2016): not computed as if the units were the same.
    let counts = Token::Share {
        indicator: id("ind-central-subsidy-projects"),
        period: Period::Year(2016),
        whole: id("ind-inspection-issues"),
        whole_period: Period::Year(2016),
    };
    assert_eq!(
        render_token(&d, &counts, Lang::Zh).text(Lang::Zh),
        "【缺:单位不能换算】"
    );
    // Listed first, like every gap. (A unit record missing altogether is a gap the same way;
    // the ledger refuses to lose a unit in use — a delete, a put or a file read — so no public
    // path builds that case for a test.)
    let doc = taizhang::report::ReportDoc {
        title: "测试".into(),
        blocks: vec![Block::Paragraph(vec![
            taizhang::report::Inline::Token(share),
            taizhang::report::Inline::Token(counts),
        ])],
    };
    assert_eq!(
        taizhang::report::gaps(&d, &doc, Lang::Zh),
        vec!["单位不能换算".to_string(); 2]
    );
}

#[test]
fn a_cagr_says_a_fall_as_a_fall_and_a_total_of_an_about_figure_is_about() {
    let d = sample();
    // 218亿元 in 2012 to 370亿元 in 2016: (370 / 218)^(1/4) − 1 = 14.1 % a year.
    let rising = Token::Cagr {
        indicator: id("ind-fai-total"),
        from: 2012,
        to: 2016,
    };
    assert_eq!(
        render_token(&d, &rising, Lang::Zh).text(Lang::Zh),
        "年均增长14.1%"
    );
    assert_eq!(
        render_token(&d, &rising, Lang::En).text(Lang::En),
        "up 14.1 % a year"
    );
    // 6121万元 in 2013 to 4533万元 in 2015: (4533 / 6121)^(1/2) − 1 = −13.9 % a year.
    let falling = Token::Cagr {
        indicator: id("ind-central-subsidy"),
        from: 2013,
        to: 2015,
    };
    assert_eq!(
        render_token(&d, &falling, Lang::Zh).text(Lang::Zh),
        "年均下降13.9%"
    );
    assert_eq!(
        render_token(&d, &falling, Lang::En).text(Lang::En),
        "down 13.9 % a year"
    );
    // 2550 + 6121 + 约2980 + 4533 + 8300 = 约24484万元: one part is about, so the total is.
    let total = Token::Cumulative {
        indicator: id("ind-central-subsidy"),
        from: 2012,
        to: 2016,
    };
    assert_eq!(
        render_token(&d, &total, Lang::Zh).text(Lang::Zh),
        "约24484万元"
    );
    assert_eq!(
        render_token(&d, &total, Lang::En).text(Lang::En),
        "about 244.84 million yuan"
    );
    // 2015 and 2016 alone are exact.
    let exact = Token::Cumulative {
        indicator: id("ind-central-subsidy"),
        from: 2015,
        to: 2016,
    };
    assert_eq!(
        render_token(&d, &exact, Lang::Zh).text(Lang::Zh),
        "12833万元"
    );
}

#[test]
fn a_chart_and_table_of_a_deleted_indicator_is_a_listed_gap_in_markdown_and_word() {
    let d = sample();
    let doc = first_draft(&d, Lang::Zh);
    let mut without = d.clone();
    let edit = without.delete_indicator_edit(&id("ind-central-subsidy"));
    without.apply(edit, &context()).expect("deleted");
    let gaps = taizhang::report::gaps(&without, &doc, Lang::Zh);
    // Its figure, its change, and its chart and table.
    assert_eq!(
        gaps,
        vec!["所指的指标已不存在(ind-central-subsidy)".to_string(); 3]
    );
    let markdown = to_markdown(&without, &doc, Lang::Zh);
    assert!(
        markdown.contains(
            "2016年获中央预算内投资补助【缺:所指的指标已不存在(ind-central-subsidy)】,【缺:所指的指标已不存在(ind-central-subsidy)】。\n\n【缺:所指的指标已不存在(ind-central-subsidy)】\n\n#### 4.获中央预算内补助项目数"
        ),
        "{markdown}"
    );
    // Word: the gaps first, the note where the chart and table were, no empty table.
    let mut charts = std::collections::BTreeMap::new();
    charts.insert(id("ind-central-subsidy"), PNG.to_vec());
    let bytes = taizhang::report::to_docx(&without, &doc, Lang::Zh, &charts).expect("written");
    let text = taizhang::format::docx::docx_text(&bytes).expect("reads");
    assert!(
        text.starts_with(
            "以下数字台账中没有,文中以【缺】标出:\n· 所指的指标已不存在(ind-central-subsidy)\n· 所指的指标已不存在(ind-central-subsidy)\n· 所指的指标已不存在(ind-central-subsidy)\n2012—2016年工作总结\n"
        ),
        "{}",
        &text[..400]
    );
    assert!(
        text.contains("【缺:所指的指标已不存在(ind-central-subsidy)】\n4.获中央预算内补助项目数\n")
    );
    let xml =
        String::from_utf8(part(&bytes, "word/document.xml").expect("document")).expect("UTF-8");
    assert_eq!(xml.matches("r:embed=").count(), 0, "no chart of it");
    assert_eq!(
        xml.matches("<w:tbl>").count(),
        text.matches("期间\t数值").count(),
        "a table only under a header"
    );
    let tables_before = {
        let bytes = taizhang::report::to_docx(&d, &doc, Lang::Zh, &charts).expect("written");
        String::from_utf8(part(&bytes, "word/document.xml").expect("document"))
            .expect("UTF-8")
            .matches("<w:tbl>")
            .count()
    };
    assert_eq!(xml.matches("<w:tbl>").count(), tables_before - 1);
}
