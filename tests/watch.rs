//! Watch mode rebuilds after a file changes, reusing the shaping of unchanged paragraphs.

mod common;
use common::*;
use std::time::{Duration, Instant};

#[test]
fn watch_rebuilds_after_an_article_changes() {
    let dir = scratch("watch");
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 30] }]\n";
    write_files(
        &dir,
        &[
            ("page.toml", &plan_with(art)),
            ("a.txt", "第一段文字。\n\n第二段文字。\n\n第三段文字。\n"),
        ],
    );
    let out = dir.join("proof.pdf");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .args(["watch", dir.join("page.toml").to_str().unwrap(), "-o"])
        .arg(&out)
        .args(["--builds", "2"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !out.exists() {
        assert!(Instant::now() < deadline, "no first build");
        std::thread::sleep(Duration::from_millis(50));
    }
    let first = std::fs::read(&out).unwrap();
    // Give the watcher time to start, then edit one paragraph (one character).
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(
        dir.join("a.txt"),
        "第一段文字。\n\n第二段文章。\n\n第三段文字。\n",
    )
    .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("watch did not rebuild after the change");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    // The second build reshaped only the changed paragraph: of the five it shapes (three
    // paragraphs, the running head's two lines) four came from the memo.
    assert!(lines[0].contains("0 paragraphs reused"), "{stdout}");
    assert!(lines[1].contains("4 paragraphs reused"), "{stdout}");
    assert_ne!(std::fs::read(&out).unwrap(), first, "the PDF was rebuilt");
}

#[test]
fn a_session_reusing_shapes_and_subsets_gives_the_same_bytes() {
    let plan = root().join("examples/edition-2p/edition.toml");
    let fresh = baoban::compose(&plan).unwrap().pdf().unwrap();
    let mut session = baoban::Session::default();
    let first = session.compose(&plan).unwrap().pdf().unwrap();
    let again = session.compose(&plan).unwrap().pdf().unwrap();
    assert!(session.reused_paragraphs() > 0);
    assert_eq!(first, fresh);
    assert_eq!(
        again, fresh,
        "remembered shaping and subsets change nothing"
    );
}

/// Starts `baoban watch plan -o out --builds 2` in `plan`'s folder, the plan named as a
/// file there (as an editor types it).
fn watch_twice(plan: &std::path::Path, out: &std::path::Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_baoban"))
        .current_dir(plan.parent().unwrap())
        .args(["watch", plan.file_name().unwrap().to_str().unwrap(), "-o"])
        .arg(out)
        .args(["--builds", "2"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for `child` to end by itself (its second build), killing it past 20 s.
fn second_build(mut child: std::process::Child) -> std::process::Output {
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("watch never built again: {:?}", child.wait_with_output());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn watch_builds_a_plan_that_did_not_exist_when_it_started() {
    let dir = scratch("watch-later");
    let (plan, out) = (dir.join("page.toml"), dir.join("proof.pdf"));
    let child = watch_twice(&plan, &out);
    std::thread::sleep(Duration::from_millis(700));
    assert!(!out.exists());
    let art = "[[article]]\nid = \"a\"\nfile = \"a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 30] }]\n";
    // The article first, then the plan: the plan's arrival is what builds.
    write_files(&dir, &[("a.txt", "第一段文字。\n")]);
    write_files(&dir, &[("page.toml", &plan_with(art))]);
    let output = second_build(child);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("page.toml"),
        "the first attempt names the missing plan: {stderr}"
    );
    assert!(out.exists(), "built once the plan appeared: {stderr}");
}

#[test]
fn watch_rebuilds_when_a_broken_article_outside_the_plans_folder_is_fixed() {
    let dir = scratch("watch-other");
    let other = dir.join("other");
    let desk = dir.join("desk");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::create_dir_all(&desk).unwrap();
    let art = "[[article]]\nid = \"a\"\nfile = \"../other/a.txt\"\nframes = [{ cols = [1, 1], lines = [1, 30] }]\n";
    write_files(&desk, &[("page.toml", &plan_with(art))]);
    write_files(&other, &[("a.txt", "标题: 错的标签\n\n正文。\n")]);
    let out = desk.join("proof.pdf");
    let child = watch_twice(&desk.join("page.toml"), &out);
    std::thread::sleep(Duration::from_millis(700));
    assert!(!out.exists(), "the first build fails on the label");
    write_files(&other, &[("a.txt", "改好的正文。\n")]);
    let output = second_build(child);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("'标题' is not a header label"), "{stderr}");
    assert!(
        out.exists(),
        "rebuilt once ../other/a.txt was fixed: {stderr}"
    );
}
