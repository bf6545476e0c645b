//! `goalc import` and `goalc export` through the real binary, on real files.

mod common;

use common::goalc;
use std::io::Write;
use std::path::{Path, PathBuf};

const SAMPLE: &str = include_str!("fixtures/import/lark-okr-sample.json");
const AS_OF: &str = "--as-of=2026-04-15";
const STRUCTURAL: &[&str] = &[
    "syntax",
    "schema",
    "duplicate-id",
    "unknown-reference",
    "invalid-dates",
];

/// Every file under `dir`, as `==> path <==` and its text, in path order.
fn tree(dir: &Path) -> String {
    let mut files = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    walk(dir, &mut files);
    files.sort();
    files
        .iter()
        .map(|p| {
            format!(
                "==> {} <==\n{}",
                p.strip_prefix(dir).unwrap().display(),
                std::fs::read_to_string(p).unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rules `goalc check` reports on the workspace in `dir`.
fn findings(dir: &Path) -> Vec<(String, String)> {
    let run = goalc(dir, &["check", AS_OF, "--format", "json", "."]);
    assert!(run.code <= 1, "check ran: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assert_no_structural(dir: &Path) {
    let structural: Vec<_> = findings(dir)
        .into_iter()
        .filter(|(rule, _)| STRUCTURAL.contains(&rule.as_str()))
        .collect();
    assert!(structural.is_empty(), "structural findings: {structural:?}");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn the_lark_sample_imports_into_a_workspace_check_loads_and_the_files_are_pinned() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "u-maria.json", SAMPLE.as_bytes());
    let run = goalc(
        dir.path(),
        &[AS_OF, "import", "lark", "u-maria.json", "-o", "ws"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("created ws/people/u-maria-2026-h1.plan.toml"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("imported 2 goals, 3 metrics, 3 check-ins and 3 people"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("(0 structural)"), "{}", run.stdout);
    assert!(
        run.stdout.contains("not in u-maria.json"),
        "the note on the alignment: {}",
        run.stdout
    );
    let ws = dir.path().join("ws");
    assert_no_structural(&ws);
    insta::assert_snapshot!("lark_sample", tree(&ws));
}

#[test]
fn importing_twice_gives_the_same_bytes_and_nothing_is_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "u-maria.json", SAMPLE.as_bytes());
    for out in ["a", "b"] {
        let run = goalc(
            dir.path(),
            &[AS_OF, "import", "lark", "u-maria.json", "-o", out],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let a = tree(&dir.path().join("a"));
    assert_eq!(a, tree(&dir.path().join("b")));

    let plan = dir.path().join("a/people/u-maria-2026-h1.plan.toml");
    std::fs::write(&plan, "# my edits\n").unwrap();
    let run = goalc(
        dir.path(),
        &[AS_OF, "import", "lark", "u-maria.json", "-o", "a"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert!(
        run.stderr.contains("a/people/u-maria-2026-h1.plan.toml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("a/roster.plan.toml"),
        "lists every file: {}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "# my edits\n");

    let run = goalc(
        dir.path(),
        &[
            AS_OF,
            "import",
            "lark",
            "u-maria.json",
            "-o",
            "a",
            "--force",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("replaced a/people/u-maria-2026-h1.plan.toml"),
        "{}",
        run.stdout
    );
    assert_eq!(tree(&dir.path().join("a")), tree(&dir.path().join("b")));
}

#[test]
fn dry_run_prints_the_files_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "u-maria.json", SAMPLE.as_bytes());
    let run = goalc(
        dir.path(),
        &[
            AS_OF,
            "import",
            "lark",
            "u-maria.json",
            "-o",
            "ws",
            "--dry-run",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!dir.path().join("ws").exists());
    assert!(
        run.stdout
            .contains("==> would write ws/people/u-maria-2026-h1.plan.toml <=="),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[[checkin]]"));
    assert!(
        run.stdout.contains("would import 2 goals"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("(0 structural)"), "{}", run.stdout);
}

#[test]
fn several_users_in_one_file_give_a_plan_each_and_their_alignments_resolve() {
    let response: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    let mut boss = response.clone();
    // The objective the sample aligns to, owned by its owner.
    let objective = &mut boss["data"]["okr_list"][0]["objective_list"];
    objective.as_array_mut().unwrap().truncate(1);
    objective[0]["id"] = "7301000000000000900".into();
    objective[0]["content"] = "Cut time to productivity in the ERP by half".into();
    objective[0]["aligned_objective_list"] = serde_json::json!([]);
    let array = serde_json::json!([
        { "user_id": "u-kai", "response": response },
        { "user_id": "u-ines", "response": boss },
    ]);
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({ "user_id": "u-kai", "response": array[0]["response"] }),
        serde_json::json!({ "user_id": "u-ines", "response": array[1]["response"] })
    );
    for (name, text) in [("okrs.json", array.to_string()), ("okrs.jsonl", lines)] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, text.as_bytes());
        let run = goalc(dir.path(), &[AS_OF, "import", "lark", name, "-o", "ws"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let ws = dir.path().join("ws");
        let kai = std::fs::read_to_string(ws.join("people/u-kai-2026-h1.plan.toml")).unwrap();
        let ines = std::fs::read_to_string(ws.join("people/u-ines-2026-h1.plan.toml")).unwrap();
        assert!(
            kai.contains("aligns_to = [\"cut-time-to-productivity-in\"]"),
            "{kai}"
        );
        assert!(!kai.contains("also aligns to"), "{kai}");
        assert!(
            ines.contains("level = \"team\""),
            "an objective aligned to is a level up: {ines}"
        );
        assert!(!run.stdout.contains("note:"), "{}", run.stdout);
        assert_no_structural(&ws);
        let rules: Vec<String> = findings(&ws).into_iter().map(|f| f.0).collect();
        assert!(!rules.contains(&"level-inversion".to_string()), "{rules:?}");
    }
}

fn import_fails(name: &str, bytes: &[u8], format: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), name, bytes);
    let mut args = vec![AS_OF, "import", format, name, "-o", "ws"];
    args.extend_from_slice(extra);
    let run = goalc(dir.path(), &args);
    assert_eq!(run.code, 2, "{name}: {}{}", run.stdout, run.stderr);
    assert!(
        !dir.path().join("ws").exists(),
        "nothing written for {name}"
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

#[test]
fn lark_errors_say_what_is_wrong() {
    let err = import_fails("kai.json", b"{\"code\": 0, \"data\": {", "lark", &[]);
    assert!(err.contains("kai.json is not valid JSON"), "{err}");
    assert!(err.contains("line 1"), "{err}");

    let err = import_fails(
        "kai.json",
        br#"{"code": 1001002, "msg": "no permission", "data": {}}"#,
        "lark",
        &[],
    );
    assert!(
        err.contains("permission error from Lark, not a goalc problem"),
        "{err}"
    );

    let mut wrong: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    wrong["data"]["okr_list"][0]["objective_list"][1]["kr_list"][0]["kr_weight"] = "heavy".into();
    let err = import_fails("kai.json", wrong.to_string().as_bytes(), "lark", &[]);
    assert!(
        err.contains("field `data.okr_list[0].objective_list[1].kr_list[0].kr_weight`"),
        "{err}"
    );

    let err = import_fails("kai.json", br#"{"okrs": []}"#, "lark", &[]);
    assert!(err.contains("`code`"), "{err}");
    let err = import_fails("kai.json", br#"[1, 2]"#, "lark", &[]);
    assert!(err.contains("element 1 of the array"), "{err}");
}

const HEADER: &str = "goal,title,framework,level,owner,team,start,due,aligns_to,metric,metric_title,kind,unit,baseline,target,current,current_date";

#[test]
fn csv_as_spreadsheets_save_it_imports() {
    // A byte-order mark, `;` between cells, decimal commas, a cell across two lines, an
    // Excel serial date, `aligns_to` as `a; b`, headers in any case, the goal repeated.
    let csv = "\u{feff}Goal;Title;Level;Owner;Team;Due;Aligns_To;Metric;Metric_Title;Unit;Baseline;Target;Current;Current_Date\n\
        erp;Certify staff in the ERP;org;maria;learning;46203;;certified;Staff certified;%;12,5;90;20,5;2026-03-01\n\
        trainers;Floor trainers in every department;team;tomas;learning;2026-06-30;erp;certified;\"Trainers,\ncertified\";count;10;30;;\n\
        trainers;;;;;;erp;depts;Departments with a trainer;count;4;12;;\n\
        cohort;First cohort of 8 trainers;individual;aiko;;2026-05-31;\"erp; trainers\";first;First cohort certified;count;0;8;3;2026-04-01\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "goals.csv", csv.as_bytes());
    let run = goalc(
        dir.path(),
        &[AS_OF, "import", "csv", "goals.csv", "-o", "ws"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("imported 3 goals, 4 metrics, 2 check-ins and 3 people"),
        "{}",
        run.stdout
    );
    let ws = dir.path().join("ws");
    assert_no_structural(&ws);
    let compiled = goalc(&ws, &["compile", AS_OF, "."]);
    assert_eq!(compiled.code, 0, "{}", compiled.stderr);
    let json: serde_json::Value = serde_json::from_str(&compiled.stdout).unwrap();
    let goal = |id: &str| {
        json["goals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == id)
            .cloned()
            .unwrap()
    };
    let erp = goal("erp");
    assert_eq!(erp["due"], "2026-06-30", "46203 is an Excel serial");
    assert_eq!(erp["metrics"][0]["baseline"], 12.5);
    assert_eq!(erp["metrics"][0]["current"], 20.5);
    assert_eq!(erp["team"], "learning");
    let trainers = goal("trainers");
    assert_eq!(trainers["metrics"][0]["title"], "Trainers,\ncertified");
    assert_eq!(trainers["metrics"].as_array().unwrap().len(), 2);
    assert_eq!(
        goal("cohort")["aligns_to"],
        serde_json::json!(["erp", "trainers"])
    );
    assert!(
        ws.join("teams/learning-2026-h1.plan.toml").exists(),
        "{}",
        tree(&ws)
    );
    assert!(
        ws.join("people/aiko-2026-h1.plan.toml").exists(),
        "{}",
        tree(&ws)
    );
}

#[test]
fn csv_errors_name_the_row_and_the_column() {
    let bad_date = format!(
        "{HEADER}\ng1,Certify 8 trainers,,,kai,,,2026-06-30,,m,Trainers,,count,0,8,,\n\
         g2,Certify 9 trainers,,,kai,,,31/13/2026,,m,Trainers,,count,0,9,,\n"
    );
    let err = import_fails("goals.csv", bad_date.as_bytes(), "csv", &[]);
    assert!(
        err.contains("goals.csv: row 3, column `due`: `31/13/2026` is not a date"),
        "{err}"
    );

    let conflict = format!(
        "{HEADER}\ng1,Certify 8 trainers,,,kai,,,,,m1,Trainers,,count,0,8,,\n\
         g2,Other,,,kai,,,,,,,,,,,,\n\
         g1,Certify 9 trainers,,,kai,,,,,m2,Departments,,count,0,9,,\n"
    );
    let err = import_fails("goals.csv", conflict.as_bytes(), "csv", &[]);
    assert!(
        err.contains("rows 2 and 4 both give goal `g1` a `title`"),
        "{err}"
    );

    let err = import_fails(
        "goals.csv",
        b"goal,title,owner,deadline\ng,T,kai,2026-01-01\n",
        "csv",
        &[],
    );
    assert!(err.contains("unknown column `deadline`"), "{err}");
    let err = import_fails("goals.csv", b"goal,owner\ng,kai\n", "csv", &[]);
    assert!(err.contains("no `title` column"), "{err}");

    let mixed = format!(
        "{HEADER}\ng1,T,,,kai,,,,,m,M,,count,\"1,5\",8,,\ng2,T,,,kai,,,,,m,M,,count,1.5,8,,\n"
    );
    let err = import_fails("goals.csv", mixed.as_bytes(), "csv", &[]);
    assert!(
        err.contains("row 2, column `baseline`: `1,5` is not a number"),
        "{err}"
    );

    let level = format!("{HEADER}\ng1,T,,orgg,kai,,,,,,,,,,,,\n");
    let err = import_fails("goals.csv", level.as_bytes(), "csv", &[]);
    assert!(
        err.contains("column `level`: `orgg` is not one of") && err.contains("did you mean `org`"),
        "{err}"
    );

    let xlsx = xlsx_bytes(&[("Goals", &[&["goal"]])]);
    let err = import_fails("goals.csv", &xlsx, "csv", &[]);
    assert!(err.contains("is an Excel workbook"), "{err}");
}

/// A minimal workbook: sheets of rows; a cell `=DATE:46203` is a date cell, a number is a
/// number cell, anything else an inline string.
fn xlsx_bytes(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut put = |name: &str, text: String| files.push((name.to_string(), text));
    let overrides: String = (1..=sheets.len())
        .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        .collect();
    put(
        "[Content_Types].xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
        ),
    );
    put("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into());
    let sheet_list: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            format!(
                r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"/>"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    put(
        "xl/workbook.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheet_list}</sheets></workbook>"#
        ),
    );
    let rels: String = (1..=sheets.len())
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect::<String>()
        + &format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#, sheets.len() + 1);
    put(
        "xl/_rels/workbook.xml.rels",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    );
    put("xl/styles.xml", r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#.into());
    for (i, (_, rows)) in sheets.iter().enumerate() {
        let mut data = String::new();
        for (r, row) in rows.iter().enumerate() {
            data.push_str(&format!(r#"<row r="{}">"#, r + 1));
            for (c, cell) in row.iter().enumerate() {
                let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
                if cell.is_empty() {
                    continue;
                } else if let Some(serial) = cell.strip_prefix("=DATE:") {
                    data.push_str(&format!(r#"<c r="{at}" s="1"><v>{serial}</v></c>"#));
                } else if cell.parse::<f64>().is_ok() {
                    data.push_str(&format!(r#"<c r="{at}"><v>{cell}</v></c>"#));
                } else {
                    data.push_str(&format!(
                        r#"<c r="{at}" t="inlineStr"><is><t>{cell}</t></is></c>"#
                    ));
                }
            }
            data.push_str("</row>");
        }
        put(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
            ),
        );
    }
    for (name, text) in files {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    buf.into_inner()
}

#[test]
fn xlsx_reads_the_first_sheet_or_the_named_one_with_date_cells() {
    let header: &[&str] = &[
        "goal",
        "title",
        "owner",
        "due",
        "metric",
        "metric_title",
        "unit",
        "baseline",
        "target",
        "current",
        "current_date",
    ];
    let notes: &[&[&str]] = &[&["note"], &["not goals"]];
    let goals: &[&[&str]] = &[
        header,
        &[
            "erp",
            "Certify staff in the ERP",
            "maria",
            "=DATE:46203",
            "certified",
            "Staff certified",
            "%",
            "12.5",
            "90",
            "20",
            "=DATE:46082",
        ],
    ];
    let book = xlsx_bytes(&[("Notes", notes), ("Goals", goals)]);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "goals.xlsx", &book);
    let run = goalc(
        dir.path(),
        &[
            AS_OF,
            "import",
            "xlsx",
            "goals.xlsx",
            "--sheet",
            "Goals",
            "-o",
            "ws",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ws = dir.path().join("ws");
    assert_no_structural(&ws);
    let plan = std::fs::read_to_string(ws.join("people/maria-2026-h1.plan.toml")).unwrap();
    assert!(plan.contains("baseline = 12.5"), "{plan}");
    let progress = std::fs::read_to_string(ws.join("people/maria-2026-h1.progress.toml")).unwrap();
    assert!(progress.contains("date = 2026-03-01"), "{progress}");

    let err = import_fails("goals.xlsx", &book, "xlsx", &[]);
    assert!(
        err.contains("sheet `Notes`") && err.contains("unknown column `note`"),
        "{err}"
    );
    let err = import_fails("goals.xlsx", &book, "xlsx", &["--sheet", "Plan"]);
    assert!(
        err.contains("no sheet named `Plan`; its sheets are `Notes`, `Goals`"),
        "{err}"
    );
}

#[test]
fn an_xlsx_that_is_a_csv_or_encrypted_is_named_so() {
    let err = import_fails("goals.xlsx", format!("{HEADER}\n").as_bytes(), "xlsx", &[]);
    assert!(
        err.contains("is a text file (CSV?), not an Excel workbook"),
        "{err}"
    );
    // An encrypted workbook is an OLE compound file holding an `EncryptedPackage` stream.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.resize(4096, 0);
    let err = import_fails("goals.xlsx", &ole, "xlsx", &[]);
    assert!(err.contains("is encrypted"), "{err}");
}

#[test]
fn a_file_of_200_mb_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let run = goalc(
        dir.path(),
        &[AS_OF, "import", "csv", "huge.csv", "-o", "ws"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("is 200 MB, more than the 128 MB goalc imports at once"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("ws").exists());
}

#[test]
fn flags_that_do_not_apply_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "g.csv", format!("{HEADER}\n").as_bytes());
    let run = goalc(dir.path(), &["import", "csv", "g.csv", "--sheet", "x"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`--sheet` applies to `goalc import xlsx` only")
    );
}

#[test]
fn export_writes_the_columns_import_reads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "u-maria.json", SAMPLE.as_bytes());
    assert_eq!(
        goalc(
            dir.path(),
            &[AS_OF, "import", "lark", "u-maria.json", "-o", "ws"]
        )
        .code,
        0
    );
    let run = goalc(dir.path(), &[AS_OF, "export", "csv", "ws", "-o", "out.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert!(csv.starts_with(HEADER), "{csv}");
    assert!(csv.contains(",deliverable,"), "{csv}");
    let stdout = goalc(dir.path(), &[AS_OF, "export", "csv", "ws"]).stdout;
    assert_eq!(stdout, csv);
}
