//! A keyboard file browser for a till without a desktop (no GTK, no portal): folders first,
//! then `.csv` files; ↑ ↓ move, Enter opens a folder or picks a file, ⌫ goes up a folder.

use std::path::{Path, PathBuf};

use iced::widget::{button, column, row, scrollable, text};
use iced::{Element, Length};

use crate::i18n::I18n;
use crate::ui::theme;

/// One line of the browser: a folder or a CSV file in the folder on show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub folder: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub dir: PathBuf,
    pub entries: Vec<Entry>,
    pub cursor: usize,
    /// The folder could not be read (no permission, gone): said, and ⌫ still goes up.
    pub unreadable: bool,
}

impl Picker {
    /// Opens on `dir`, or (none given) the user's Downloads, home, or the root.
    pub fn open(dir: Option<&Path>) -> Picker {
        let dir = dir.map(Path::to_path_buf).filter(|d| d.is_dir()).unwrap_or_else(start_dir);
        let mut picker = Picker { dir, entries: Vec::new(), cursor: 0, unreadable: false };
        picker.read();
        picker
    }

    fn read(&mut self) {
        self.cursor = 0;
        self.entries.clear();
        let Ok(list) = std::fs::read_dir(&self.dir) else {
            self.unreadable = true;
            return;
        };
        self.unreadable = false;
        for item in list.flatten() {
            let name = item.file_name().to_string_lossy().to_string();
            // Hidden files and folders are settings, not a shop's product lists.
            if name.starts_with('.') {
                continue;
            }
            let folder = item.path().is_dir();
            if folder || name.to_lowercase().ends_with(".csv") {
                self.entries.push(Entry { name, folder });
            }
        }
        self.entries.sort_by(|a, b| {
            b.folder.cmp(&a.folder).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
    }

    /// ↑ / ↓.
    pub fn step(&mut self, down: bool) {
        let last = self.entries.len().saturating_sub(1);
        self.cursor = if down { (self.cursor + 1).min(last) } else { self.cursor.saturating_sub(1) };
    }

    /// ⌫: the folder above, with the cursor on the folder we came from.
    pub fn up(&mut self) {
        let Some(parent) = self.dir.parent().map(Path::to_path_buf) else { return };
        let from = self.dir.file_name().map(|n| n.to_string_lossy().to_string());
        self.dir = parent;
        self.read();
        if let Some(i) = from.and_then(|f| self.entries.iter().position(|e| e.name == f)) {
            self.cursor = i;
        }
    }

    /// Enter on line `at`: a folder opens (`None`), a file is picked.
    pub fn enter(&mut self, at: usize) -> Option<PathBuf> {
        let entry = self.entries.get(at)?.clone();
        let path = self.dir.join(&entry.name);
        if entry.folder {
            self.dir = path;
            self.read();
            None
        } else {
            self.cursor = at;
            Some(path)
        }
    }

    pub fn view<'a, M: Clone + 'a>(&'a self, i18n: &I18n, on_enter: fn(usize) -> M) -> Element<'a, M> {
        let list = self.entries.iter().enumerate().fold(column![].spacing(2), |col, (i, e)| {
            let name = if e.folder { format!("▸ {}/", e.name) } else { e.name.clone() };
            col.push(
                button(text(name).size(theme::BODY))
                    .on_press(on_enter(i))
                    .width(Length::Fill)
                    .padding([8, 8])
                    .style(theme::buttons::row(i == self.cursor)),
            )
        });
        let empty = if self.unreadable {
            Some(i18n.tr("products-folder-unreadable"))
        } else if self.entries.is_empty() {
            Some(i18n.tr("products-folder-empty"))
        } else {
            None
        };
        let mut col = column![
            row![text(self.dir.display().to_string()).size(theme::BODY)],
            text(i18n.tr("products-picker-keys")).size(theme::SMALL).style(theme::texts::muted),
        ]
        .spacing(6);
        if let Some(e) = empty {
            col = col.push(text(e).style(theme::texts::muted));
        }
        col.push(scrollable(list).height(Length::Fill)).into()
    }
}

/// Where the browser starts the first time: the user's Downloads, their home, or `/`.
fn start_dir() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from).filter(|h| h.is_dir());
    match home {
        Some(h) if h.join("Downloads").is_dir() => h.join("Downloads"),
        Some(h) => h,
        None => PathBuf::from("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_come_first_then_csv_files_and_backspace_returns_to_the_folder_we_left() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("stock")).unwrap();
        std::fs::create_dir(dir.path().join(".hidden")).unwrap();
        std::fs::write(dir.path().join("b.CSV"), "plu").unwrap();
        std::fs::write(dir.path().join("a.csv"), "plu").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let mut p = Picker::open(Some(dir.path()));
        let names: Vec<&str> = p.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["stock", "a.csv", "b.CSV"]);
        assert_eq!(p.enter(0), None);
        assert_eq!(p.dir, dir.path().join("stock"));
        p.up();
        assert_eq!((p.dir.as_path(), p.cursor), (dir.path(), 0));
        p.step(true);
        assert_eq!(p.enter(p.cursor), Some(dir.path().join("a.csv")));
    }
}
