//! Outputs that must not destroy anything: a build never writes over one of its own inputs
//! (`-o page.toml` would replace the plan with the PDF), over another of its outputs (the PDF
//! and the report in one file), or over something that is not a regular file (a device node
//! would be replaced by a file, a folder cannot be).

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Refuses `outputs` (each with the option that named it, `-o`, `--report` …) when one is an
/// input of the build, two are the same file, or one exists and is no regular file.
pub fn check_outputs(inputs: &[PathBuf], outputs: &[(&str, &Path)]) -> Result<()> {
    let inputs: Vec<PathBuf> = inputs.iter().map(|p| identity(p)).collect();
    for (k, &(option, path)) in outputs.iter().enumerate() {
        let id = identity(path);
        if inputs.contains(&id) {
            return Err(Error::invalid(
                path,
                format!(
                    "{option} names an input of this build; writing there would destroy it, so give {option} another file"
                ),
            ));
        }
        if let Some((other, _)) = outputs[..k].iter().find(|(_, p)| identity(p) == id) {
            return Err(Error::invalid(
                path,
                format!("{option} and {other} name the same file; give each output its own"),
            ));
        }
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            let what = if meta.is_dir() {
                "a folder"
            } else {
                "not a regular file (a device or pipe)"
            };
            return Err(Error::invalid(
                path,
                format!("{option} is {what}; give a file name (`-o -` writes the PDF to stdout)"),
            ));
        }
    }
    Ok(())
}

/// The file a path names, symbolic links and `..` resolved, for files that do not exist yet
/// through their folder.
fn identity(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (dir.canonicalize(), path.file_name()) {
        (Ok(d), Some(name)) => d.join(name),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_each_other_and_devices_are_refused() {
        let dir = std::env::temp_dir().join(format!("baoban-outputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let plan = dir.join("page.toml");
        std::fs::write(&plan, "x").unwrap();
        let inputs = [plan.clone()];
        let pdf = dir.join("page.pdf");
        assert!(check_outputs(&inputs, &[("-o", &pdf)]).is_ok());
        // The plan again, through `..`.
        let sneaky = dir.join("sub").join("..").join("page.toml");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let e = check_outputs(&inputs, &[("-o", &sneaky)])
            .unwrap_err()
            .to_string();
        assert!(e.contains("-o names an input"), "{e}");
        let e = check_outputs(&inputs, &[("-o", &pdf), ("--report", &pdf)]).unwrap_err();
        assert!(
            e.to_string().contains("--report and -o name the same file"),
            "{e}"
        );
        let e = check_outputs(&inputs, &[("-o", Path::new("/dev/null"))]).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let e = check_outputs(&inputs, &[("-o", &dir)]).unwrap_err();
        assert!(e.to_string().contains("a folder"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
