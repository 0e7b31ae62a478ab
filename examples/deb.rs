//! Builds the Debian package from an existing release build, from the `[package.metadata.deb]`
//! table `cargo deb` reads, with Debian's own tools (dpkg-shlibdeps, dpkg-deb): no extra installs.
//! `cargo build --release && cargo run --example deb` -> target/debian/tameio_<version>-1_<arch>.deb

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

type Failure = Box<dyn std::error::Error>;

fn main() -> Result<(), Failure> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))?.parse()?;
    let package = manifest.get("package").and_then(|p| p.as_table()).ok_or("Cargo.toml has no [package]")?;
    let deb = package
        .get("metadata")
        .and_then(|m| m.get("deb"))
        .and_then(|d| d.as_table())
        .ok_or("Cargo.toml has no [package.metadata.deb]")?;
    let field =
        |table: &toml::Table, key: &str| table.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let name = field(package, "name");
    let version = format!("{}-1", field(package, "version"));
    let arch = output(Command::new("dpkg").arg("--print-architecture"))?;

    let debian = root.join("target/debian");
    let stage = debian.join(&name);
    if stage.exists() {
        std::fs::remove_dir_all(&stage)?;
    }
    std::fs::create_dir_all(stage.join("DEBIAN"))?;

    let assets = deb.get("assets").and_then(|a| a.as_array()).ok_or("no assets")?;
    let mut binaries = Vec::new();
    for asset in assets {
        let parts: Vec<&str> = asset.as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
        let [from, to, mode] = parts[..] else { return Err(format!("bad asset {asset}").into()) };
        let from = root.join(from);
        let mut to = stage.join(to);
        if to.to_string_lossy().ends_with('/') {
            to = to.join(from.file_name().ok_or("asset without a file name")?);
        }
        std::fs::create_dir_all(to.parent().ok_or("asset at the root")?)?;
        std::fs::copy(&from, &to)?;
        set_mode(&to, u32::from_str_radix(mode, 8)?)?;
        if to.starts_with(stage.join("usr/share/man")) {
            // Debian policy (and `cargo deb`): man pages are gzipped.
            run(Command::new("gzip").args(["-9nf"]).arg(&to))?;
        }
        if mode == "755" {
            binaries.push(to);
        }
    }
    let doc = stage.join(format!("usr/share/doc/{name}"));
    std::fs::create_dir_all(&doc)?;
    let licence = field(package, "license");
    let copyright = format!(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: {name}\n\
         Source: {}\n\nFiles: *\nCopyright: {}\nLicense: {licence}\n",
        field(package, "repository"),
        field(deb, "copyright")
    );
    std::fs::write(doc.join("copyright"), copyright)?;

    let depends = field(deb, "depends").replace("$auto", &shared_library_depends(&debian, &binaries)?);
    let depends: Vec<&str> = depends.split(',').map(str::trim).filter(|d| !d.is_empty()).collect();
    let depends = depends.join(", ");
    let installed_kib = size_of(&stage)?.div_ceil(1024);
    let mut control = String::new();
    writeln!(control, "Package: {name}")?;
    writeln!(control, "Version: {version}")?;
    writeln!(control, "Architecture: {arch}")?;
    writeln!(control, "Maintainer: {}", field(deb, "maintainer"))?;
    writeln!(control, "Installed-Size: {installed_kib}")?;
    writeln!(control, "Depends: {depends}")?;
    writeln!(control, "Section: {}", field(deb, "section"))?;
    writeln!(control, "Priority: {}", field(deb, "priority"))?;
    writeln!(control, "Homepage: {}", field(package, "homepage"))?;
    writeln!(control, "Description: {}", field(package, "description"))?;
    // The long description: lines start with a space, a blank line between paragraphs is " .".
    let paragraphs: Vec<String> = field(deb, "extended-description")
        .split("\n\n")
        .map(|p| wrapped(p, 78).iter().map(|l| format!(" {l}\n")).collect())
        .collect();
    control.push_str(&paragraphs.join(" .\n"));
    std::fs::write(stage.join("DEBIAN/control"), control)?;

    let out = debian.join(format!("{name}_{version}_{arch}.deb"));
    // dpkg-deb's own line goes to stderr: stdout is only the package's path, for scripts.
    run(Command::new("dpkg-deb")
        .args(["--root-owner-group", "-Zxz", "--build"])
        .arg(&stage)
        .arg(&out)
        .stdout(std::io::stderr()))?;
    println!("{}", out.display());
    Ok(())
}

/// The words of `text` in lines of at most `width` characters (a longer word stands alone).
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// `$auto`: what `dpkg-shlibdeps` says the binaries need (it wants a debian/control beside it).
fn shared_library_depends(debian: &Path, binaries: &[PathBuf]) -> Result<String, Failure> {
    let work = debian.join("shlibdeps");
    std::fs::create_dir_all(work.join("debian"))?;
    std::fs::write(work.join("debian/control"), "Source: tameio\n\nPackage: tameio\nArchitecture: any\n")?;
    let line = output(Command::new("dpkg-shlibdeps").current_dir(&work).arg("-O").args(binaries))?;
    Ok(line.trim().strip_prefix("shlibs:Depends=").unwrap_or("").to_string())
}

fn size_of(dir: &Path) -> Result<u64, Failure> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() { size_of(&entry.path())? } else { meta.len() };
    }
    Ok(total)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

fn run(cmd: &mut Command) -> Result<(), Failure> {
    let status = cmd.status()?;
    if status.success() { Ok(()) } else { Err(format!("{cmd:?} failed: {status}").into()) }
}

fn output(cmd: &mut Command) -> Result<String, Failure> {
    let out = cmd.output()?;
    if !out.status.success() {
        return Err(format!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?.trim().to_string())
}
