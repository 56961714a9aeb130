//! Every text key the UI names exists in the string table (or, for messages, in the message
//! table), in both languages: a typo would otherwise show the raw key to the user. The UI is
//! compiled only for wasm32, so its sources are read as text here.

use std::path::Path;
use taizhang::i18n::{text, Message};
use taizhang::model::Lang;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// String literals that look like keys: `word.word[.word]`, lower case, starting with a letter,
/// no spaces.
fn key_literals(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for piece in source.split('"').skip(1).step_by(2) {
        let looks_like_key = piece.contains('.')
            && piece.starts_with(|c: char| c.is_ascii_lowercase())
            && !piece.ends_with('.')
            && piece
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        if looks_like_key {
            keys.push(piece.to_string());
        }
    }
    keys
}

#[test]
fn every_key_the_ui_names_has_a_text_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 10, "{files:?}");
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).expect("source");
        for key in key_literals(&source) {
            // Preference keys and performance marks are names, not texts.
            if key.starts_with("taizhang.") || key.starts_with("taizhang:") {
                continue;
            }
            checked += 1;
            // The tables take `&'static str` keys; a test may leak a few hundred short strings.
            let key: &'static str = Box::leak(key.into_boxed_str());
            let in_ui = text(Lang::Zh, key) != key && text(Lang::En, key) != key;
            let in_messages = !Message::new(key).render(Lang::Zh).starts_with(key)
                && !Message::new(key).render(Lang::En).starts_with(key);
            if !in_ui && !in_messages {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(
        checked > 200,
        "only {checked} keys found: is the scan still reading the UI?"
    );
    assert!(missing.is_empty(), "keys without a text: {missing:#?}");
}

#[test]
fn every_message_the_code_makes_is_a_message_template() {
    // `Message::new(key)` renders from the message tables only: a UI text's key there shows
    // the key itself ("sheets.encoding encoding=GB18030" once did).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).expect("source");
        for piece in source.split("Message::new(\"").skip(1) {
            let Some(key) = piece.split('"').next() else {
                continue;
            };
            checked += 1;
            let key: &'static str = Box::leak(key.to_string().into_boxed_str());
            let rendered = Message::new(key).render(Lang::En);
            if rendered.starts_with(key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(checked > 100, "only {checked} messages found");
    assert!(
        missing.is_empty(),
        "messages without a template: {missing:#?}"
    );
}

fn has_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

/// The `field: "name"` literals and the `bad("field", "rule")` pairs in the model's sources:
/// every field a refusal can name, and every rule an approval or a relation can break.
fn model_fields_and_rules() -> (
    std::collections::BTreeSet<String>,
    std::collections::BTreeSet<String>,
) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let (mut fields, mut rules) = (
        std::collections::BTreeSet::new(),
        std::collections::BTreeSet::new(),
    );
    let literal = |piece: &str| -> Option<String> {
        let text = piece.strip_prefix('"')?.split('"').next()?;
        (!text.is_empty() && text.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .then(|| text.to_string())
    };
    for file in files {
        let source = std::fs::read_to_string(&file).expect("source");
        fields.extend(source.split("field: ").skip(1).filter_map(literal));
        for piece in source.split("bad(").skip(1) {
            let Some(field) = literal(piece) else {
                continue;
            };
            let rest = piece.split_once(',').map(|(_, rest)| rest.trim_start());
            if let Some(rule) = rest.and_then(literal) {
                fields.insert(field);
                rules.insert(rule);
            }
        }
    }
    (fields, rules)
}

/// Every refusal the model, the file reader, the store and the map reader can give, rendered
/// in English with parameters as a user's English data would fill them: no Chinese is left.
/// (The unit test in `i18n` checks the templates; this checks the values that fill them: field
/// names, statuses, rules, nested reasons.)
#[test]
fn every_refusal_reads_in_english_without_chinese() {
    use taizhang::format::geojson::GeoError;
    use taizhang::format::FormatError;
    use taizhang::i18n::ToMessage;
    use taizhang::model::amount::AmountError;
    use taizhang::model::project::CodeProblem;
    use taizhang::model::{EditError, Period, PeriodError};
    use taizhang::store::StoreError;

    /// Adding a variant to `EditError` fails to compile here until it is listed below.
    fn listed(error: &EditError) -> bool {
        match error {
            EditError::EmptyName { .. }
            | EditError::DuplicateName { .. }
            | EditError::DuplicateValue { .. }
            | EditError::MissingReference { .. }
            | EditError::IdTakenByOtherKind { .. }
            | EditError::IdDeleted { .. }
            | EditError::DeletedAndLive { .. }
            | EditError::NotFound { .. }
            | EditError::NegativeAmount { .. }
            | EditError::BadFactor { .. }
            | EditError::StillUsed { .. }
            | EditError::BadProjectCode { .. }
            | EditError::EndBeforeStart { .. }
            | EditError::CompletedBeforeStart { .. }
            | EditError::MilestonesOutOfOrder { .. }
            | EditError::ReportAfterCompletion { .. }
            | EditError::DuplicateReport { .. }
            | EditError::BadMonth { .. }
            | EditError::CumulativeBelowMonth { .. }
            | EditError::DeadlineBeforeRaised { .. }
            | EditError::StatusMove { .. }
            | EditError::LocationOutOfRange { .. }
            | EditError::BadPlanYear { .. }
            | EditError::DuplicatePlanYear { .. }
            | EditError::BadRelation { .. }
            | EditError::BadApproval { .. }
            | EditError::DuplicateDocumentNo { .. } => true,
        }
    }

    let (fields, rules) = model_fields_and_rules();
    let leak = |set: std::collections::BTreeSet<String>| -> Vec<&'static str> {
        set.into_iter()
            .map(|f| &*Box::leak(f.into_boxed_str()))
            .collect()
    };
    let (fields, rules) = (leak(fields), leak(rules));
    assert!(fields.len() > 15, "fields found: {fields:?}");
    assert!(rules.len() >= 4, "relation rules found: {rules:?}");
    let statuses = [
        "preparing",
        "newly_started",
        "continuing",
        "completed",
        "suspended",
    ];
    let problems = [
        CodeProblem::TooShort,
        CodeProblem::Layout,
        CodeProblem::GroupSizes,
        CodeProblem::NotDigits,
        CodeProblem::CheckCharacter,
        CodeProblem::Region,
    ];

    let mut refusals: Vec<taizhang::i18n::Message> = Vec::new();
    let mut edit = |error: EditError| {
        assert!(listed(&error));
        refusals.push(error.to_message());
    };
    for &field in &fields {
        edit(EditError::EmptyName { field });
        edit(EditError::DuplicateName {
            field,
            name: "Road".into(),
        });
        edit(EditError::MissingReference {
            field,
            id: "ind-x".into(),
        });
        edit(EditError::NegativeAmount {
            field,
            amount: "-3".into(),
        });
        edit(EditError::ReportAfterCompletion {
            field,
            month: "2016-10".into(),
            completed: "2016-09-30".into(),
        });
    }
    for &rule in &rules {
        edit(EditError::BadRelation {
            field: "base",
            rule,
        });
    }
    for from in statuses {
        for to in statuses {
            edit(EditError::StatusMove {
                from: from.into(),
                to: to.into(),
            });
        }
    }
    for problem in problems {
        edit(EditError::BadProjectCode {
            code: "1606".into(),
            problem,
        });
    }
    for rule in taizhang::model::approval::ApprovalRule::ALL {
        edit(EditError::BadApproval {
            field: "issued",
            rule,
        });
    }
    edit(EditError::DuplicateDocumentNo {
        body: "Lucheng DRC".into(),
        number: "No. 1".into(),
    });
    edit(EditError::DuplicateValue {
        indicator: "Investment".into(),
        period: Period::Year(2016),
    });
    edit(EditError::IdTakenByOtherKind { id: "x".into() });
    edit(EditError::IdDeleted { id: "x".into() });
    edit(EditError::DeletedAndLive { id: "x".into() });
    edit(EditError::NotFound { id: "x".into() });
    edit(EditError::BadFactor {
        symbol: "km".into(),
    });
    edit(EditError::StillUsed {
        name: "km".into(),
        count: 3,
    });
    edit(EditError::EndBeforeStart {
        start: "2016-03-01".into(),
        end: "2015-01-01".into(),
    });
    edit(EditError::CompletedBeforeStart {
        start: "2016-03-01".into(),
        completed: "2015-01-01".into(),
    });
    edit(EditError::MilestonesOutOfOrder {
        earlier: "start".into(),
        later: "approval".into(),
    });
    edit(EditError::DuplicateReport {
        project: "Bridge".into(),
        month: "2016-10".into(),
    });
    edit(EditError::BadMonth { month: "13".into() });
    edit(EditError::CumulativeBelowMonth {
        month: "5".into(),
        cumulative: "3".into(),
    });
    edit(EditError::DeadlineBeforeRaised {
        raised: "2016-09-01".into(),
        deadline: "2016-08-01".into(),
    });
    edit(EditError::LocationOutOfRange {
        lon: "200".into(),
        lat: "100".into(),
    });
    edit(EditError::BadPlanYear { year: 1800 });
    edit(EditError::DuplicatePlanYear { year: 2016 });

    for error in [
        StoreError::Unavailable {
            detail: "SecurityError".into(),
        },
        StoreError::QuotaExceeded {
            detail: "QuotaExceededError".into(),
        },
        StoreError::Corrupt {
            detail: "chunk values/0".into(),
        },
        StoreError::Failed {
            detail: "AbortError".into(),
        },
        StoreError::Newer {
            found: 9,
            supported: 1,
        },
    ] {
        refusals.push(error.to_message());
    }
    for error in [
        FormatError::NotJson {
            detail: "expected value".into(),
            line: 1,
            column: 2,
        },
        FormatError::NotTaizhang {
            found: "other".into(),
        },
        FormatError::NewerVersion {
            found: 9,
            supported: 1,
        },
        FormatError::UnknownVersion { found: 0 },
        FormatError::BadShape {
            version: 1,
            detail: "missing field".into(),
        },
        FormatError::BadDataset {
            field: "document_date",
            detail: "x".into(),
        },
    ] {
        refusals.push(error.to_message());
    }
    for error in [
        PeriodError::Empty,
        PeriodError::Unrecognized { input: "x".into() },
        PeriodError::MonthOutOfRange {
            input: "2016-13".into(),
            month: 13,
        },
        PeriodError::DayOutOfRange {
            input: "2016-02-30".into(),
            day: 30,
        },
        PeriodError::QuarterOutOfRange {
            input: "2016Q5".into(),
            quarter: 5,
        },
        PeriodError::YearOutOfRange {
            input: "99999".into(),
            year: 99999,
        },
        PeriodError::RangeNotIncreasing {
            input: "2016-2012".into(),
        },
    ] {
        refusals.push(error.to_message());
    }
    for error in [
        AmountError::Empty,
        AmountError::NotANumber { input: "x".into() },
        AmountError::TooLarge {
            input: "1e99".into(),
        },
        AmountError::SpaceInNumber {
            input: "352 370".into(),
        },
        AmountError::BadGrouping {
            input: "1,2,3".into(),
        },
        AmountError::SeveralCells {
            input: "352 370".into(),
            count: 2,
        },
    ] {
        refusals.push(error.to_message());
    }
    let path = || "features[0]".to_string();
    for error in [
        GeoError::NotJson { line: 1, column: 2 },
        GeoError::Missing { path: path() },
        GeoError::NotAnObject { path: path() },
        GeoError::NotAnArray { path: path() },
        GeoError::NotACollection {
            path: path(),
            found: "Point".into(),
        },
        GeoError::NotAFeature {
            path: path(),
            found: "Point".into(),
        },
        GeoError::UnknownGeometry {
            path: path(),
            found: "Circle".into(),
        },
        GeoError::NotANumber { path: path() },
        GeoError::ShortPosition { path: path() },
        GeoError::LongitudeOutOfRange {
            path: path(),
            value: 500000.0,
        },
        GeoError::LatitudeOutOfRange {
            path: path(),
            value: 500000.0,
        },
        GeoError::NoFeatures,
        GeoError::NothingToDraw,
    ] {
        refusals.push(error.to_message());
    }

    let chinese: Vec<String> = refusals
        .iter()
        .map(|m| (m.code, m.render(Lang::En)))
        .filter(|(code, rendered)| has_chinese(rendered) || rendered.starts_with(code))
        .map(|(code, rendered)| format!("{code}: {rendered}"))
        .collect();
    assert!(refusals.len() > 200, "only {} refusals", refusals.len());
    assert!(
        chinese.is_empty(),
        "English refusals with Chinese or no text: {chinese:#?}"
    );
}
