//! The workspace's git repository, read through the `git` command line: a handful of plumbing
//! commands per run (`rev-parse`, `ls-tree`, `diff-index`, `log`) and one `cat-file --batch`
//! process for every blob read. Nothing here writes to the repository: only plumbing that reads,
//! with optional locks off (`GIT_OPTIONAL_LOCKS=0`) and pathspecs taken literally.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// Why the history cannot be read: the run stops (exit 2) with this message.
#[derive(Debug)]
pub struct GitError(pub String);

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A commit, as findings and the diff name it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CommitInfo {
    pub hash: String,
    pub short: String,
    /// The committer date, in the committer's time zone.
    pub date: crate::base::date::Date,
    pub author: String,
}

pub struct Repo {
    /// The top of the work tree.
    pub top: PathBuf,
    /// The workspace root relative to `top`, `/`-separated, empty or ending in `/`.
    pub prefix: String,
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_LITERAL_PATHSPECS", "1")
        .env("LC_ALL", "C")
        .args(["-c", "core.quotePath=false"])
        .stdin(Stdio::null());
    cmd
}

/// Runs a git command to its end; its standard output, or the first line it wrote to stderr.
fn run(mut cmd: Command) -> Result<Vec<u8>, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run git ({e}); --since needs git on the PATH"))?;
    if out.status.success() {
        return Ok(out.stdout);
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let first = err
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("git failed");
    Err(first.to_string())
}

impl Repo {
    /// The repository that holds the workspace root.
    pub fn open(root: &Path) -> Result<Repo, GitError> {
        let mut cmd = git(root);
        cmd.args(["rev-parse", "--show-toplevel", "--show-prefix"]);
        let out = run(cmd).map_err(|e| {
            GitError(format!(
                "{} is not in a git repository ({e}); --since and `goalc diff` read the plan's history from git",
                root.display()
            ))
        })?;
        let text = String::from_utf8_lossy(&out);
        let mut lines = text.lines();
        let top = lines.next().unwrap_or("").to_string();
        let prefix = lines.next().unwrap_or("").to_string();
        if top.is_empty() {
            return Err(GitError(format!(
                "{} is not inside a git work tree (a bare repository has no plan files to compare)",
                root.display()
            )));
        }
        Ok(Repo {
            top: PathBuf::from(top),
            prefix,
        })
    }

    fn git(&self) -> Command {
        git(&self.top)
    }

    /// The commit REF names, or why it names none.
    pub fn resolve(&self, reference: &str) -> Result<String, GitError> {
        if reference.is_empty() || reference.starts_with('-') {
            return Err(GitError(format!(
                "`{reference}` is not a revision: give a commit, tag or branch"
            )));
        }
        let mut cmd = self.git();
        cmd.args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
            .arg(format!("{reference}^{{commit}}"));
        match run(cmd) {
            Ok(out) => {
                let hash = String::from_utf8_lossy(&out).trim().to_string();
                if hash.is_empty() {
                    Err(self.unknown(reference))
                } else {
                    Ok(hash)
                }
            }
            Err(_) => Err(self.unknown(reference)),
        }
    }

    fn unknown(&self, reference: &str) -> GitError {
        let mut cmd = self.git();
        cmd.args(["rev-parse", "--is-shallow-repository"]);
        let shallow = run(cmd).is_ok_and(|o| o.starts_with(b"true"));
        GitError(if shallow {
            format!(
                "unknown revision `{reference}`: this clone is shallow and does not hold it; fetch it \
                 (`git fetch --deepen=100`, or `fetch-depth: 0` with actions/checkout)"
            )
        } else {
            format!(
                "unknown revision `{reference}`: no commit, tag or branch of that name in {}",
                self.top.display()
            )
        })
    }

    /// Every file under the workspace root at `commit`: (path from the top, blob id).
    pub fn files_at(&self, commit: &str) -> Result<Vec<(String, String)>, GitError> {
        let mut cmd = self.git();
        cmd.args(["ls-tree", "-r", "-z", "--full-tree", commit]);
        if !self.prefix.is_empty() {
            cmd.arg("--").arg(&self.prefix);
        }
        let out =
            run(cmd).map_err(|e| GitError(format!("cannot list the files of {commit}: {e}")))?;
        let mut files = Vec::new();
        for entry in out.split(|b| *b == 0) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut parts = meta.split(' ');
            if let (Some(_mode), Some("blob"), Some(oid)) =
                (parts.next(), parts.next(), parts.next())
            {
                files.push((path.to_string(), oid.to_string()));
            }
        }
        Ok(files)
    }

    /// The files under the workspace root whose working-tree content may differ from `commit`
    /// (paths from the top). Stat information decides, as `git status` does without refreshing
    /// the index: a file touched but unchanged may be listed, a changed one never is missed.
    pub fn changed_since(&self, commit: &str) -> Result<Vec<String>, GitError> {
        let mut cmd = self.git();
        cmd.args(["diff-index", "-z", "--name-only", "--no-renames", commit]);
        if !self.prefix.is_empty() {
            cmd.arg("--").arg(&self.prefix);
        }
        let out = run(cmd).map_err(|e| GitError(format!("cannot compare with {commit}: {e}")))?;
        Ok(out
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect())
    }

    /// The committer date of `commit` (what "achieved since REF" counts from).
    pub fn commit_date(&self, commit: &str) -> Result<crate::base::date::Date, GitError> {
        let mut cmd = self.git();
        cmd.args(["log", "-1", "--format=%cs", "--end-of-options", commit]);
        let out =
            run(cmd).map_err(|e| GitError(format!("cannot read the date of {commit}: {e}")))?;
        let text = String::from_utf8_lossy(&out);
        crate::base::date::Date::parse(text.trim()).ok_or_else(|| {
            GitError(format!(
                "cannot read the date of {commit}: `{}`",
                text.trim()
            ))
        })
    }

    /// The first-parent commits after `commit` up to HEAD that touched the workspace, newest
    /// first, with the files (from the top) each touched.
    pub fn commits_since(&self, commit: &str) -> Result<Vec<(CommitInfo, Vec<String>)>, GitError> {
        let mut head = self.git();
        head.args(["rev-parse", "--verify", "--quiet", "HEAD"]);
        if run(head).is_err() {
            return Ok(Vec::new());
        }
        let mut cmd = self.git();
        cmd.args([
            "log",
            "--first-parent",
            "--no-renames",
            "--name-only",
            "-z",
            "--format=%x01%H%x00%h%x00%cs%x00%an",
        ])
        .arg(format!("{commit}..HEAD"));
        if !self.prefix.is_empty() {
            cmd.arg("--").arg(&self.prefix);
        }
        let out =
            run(cmd).map_err(|e| GitError(format!("cannot read the log since {commit}: {e}")))?;
        let text = String::from_utf8_lossy(&out);
        let mut commits = Vec::new();
        for record in text.split('\u{1}').filter(|r| !r.is_empty()) {
            let mut fields = record.split('\0');
            let (Some(hash), Some(short), Some(date), Some(author)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Some(date) = crate::base::date::Date::parse(date) else {
                continue;
            };
            let files = fields
                .map(|f| f.trim_start_matches('\n'))
                .filter(|f| !f.is_empty())
                .map(str::to_string)
                .collect();
            commits.push((
                CommitInfo {
                    hash: hash.to_string(),
                    short: short.to_string(),
                    date,
                    author: author.to_string(),
                },
                files,
            ));
        }
        Ok(commits)
    }
}

/// One `git cat-file --batch` process, for every object a run reads.
pub struct Blobs {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Blobs {
    pub fn start(repo: &Repo) -> Result<Blobs, GitError> {
        let mut cmd = repo.git();
        cmd.args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().map_err(|e| {
            GitError(format!(
                "cannot run git ({e}); --since needs git on the PATH"
            ))
        })?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(GitError("cannot talk to git cat-file".into()));
        };
        Ok(Blobs {
            child,
            stdin: Some(stdin),
            stdout: BufReader::with_capacity(1 << 16, stdout),
        })
    }

    /// Reads many objects at once: the names go in on another thread while the contents come
    /// back, so neither pipe fills up. `None` for an object that does not exist.
    pub fn read_many(&mut self, names: &[String]) -> Result<Vec<Option<Vec<u8>>>, GitError> {
        let Some(stdin) = self.stdin.as_mut() else {
            return Err(GitError("git cat-file has stopped".into()));
        };
        let stdout = &mut self.stdout;
        std::thread::scope(|scope| {
            let writer = scope.spawn(move || -> std::io::Result<()> {
                let mut input = std::io::BufWriter::new(stdin);
                for name in names {
                    input.write_all(name.as_bytes())?;
                    input.write_all(b"\n")?;
                }
                input.flush()
            });
            let mut out = Vec::with_capacity(names.len());
            for _ in names {
                out.push(read_one(stdout)?);
            }
            writer
                .join()
                .map_err(|_| GitError("git cat-file input failed".into()))?
                .map_err(|e| GitError(format!("cannot write to git cat-file: {e}")))?;
            Ok(out)
        })
    }

    /// One object, `<rev>:<path>` or an id.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, GitError> {
        if name.contains('\n') {
            return Ok(None);
        }
        let names = [name.to_string()];
        Ok(self.read_many(&names)?.into_iter().next().flatten())
    }
}

fn read_one(stdout: &mut BufReader<ChildStdout>) -> Result<Option<Vec<u8>>, GitError> {
    let broken = |e: std::io::Error| GitError(format!("cannot read from git cat-file: {e}"));
    let mut header = String::new();
    if stdout.read_line(&mut header).map_err(broken)? == 0 {
        return Err(GitError("git cat-file stopped early".into()));
    }
    let header = header.trim_end();
    if header.ends_with(" missing") || header.ends_with(" ambiguous") {
        return Ok(None);
    }
    let mut parts = header.rsplitn(3, ' ');
    let size = parts.next().and_then(|s| s.parse::<usize>().ok());
    let kind = parts.next();
    let Some(size) = size else {
        return Err(GitError(format!(
            "unexpected answer from git cat-file: {header}"
        )));
    };
    let mut content = vec![0; size];
    stdout.read_exact(&mut content).map_err(broken)?;
    let mut newline = [0u8; 1];
    stdout.read_exact(&mut newline).map_err(broken)?;
    Ok((kind == Some("blob")).then_some(content))
}

impl Drop for Blobs {
    fn drop(&mut self) {
        // Closing its input ends cat-file.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}
