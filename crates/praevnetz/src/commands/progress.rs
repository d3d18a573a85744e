//! Progress bars on standard error for long imports (hidden when standard error is no terminal).

use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::import::ImportKind;
use praevnetz_store::ImportProgress;

/// One bar per imported file.
pub struct Bar {
    lang: Lang,
    current: Mutex<Option<ProgressBar>>,
}

impl Bar {
    pub fn new(lang: Lang) -> Bar {
        Bar {
            lang,
            current: Mutex::new(None),
        }
    }

    /// A spinner for work of unknown length.
    pub fn spinner(message: String) -> ProgressBar {
        let spinner = ProgressBar::new_spinner().with_message(message);
        spinner.enable_steady_tick(std::time::Duration::from_millis(120));
        spinner
    }

    /// Removes the bar from the terminal.
    pub fn clear(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some(bar) = current.take()
        {
            bar.finish_and_clear();
        }
    }
}

impl ImportProgress for Bar {
    fn start(&self, kind: ImportKind, total: u64) {
        let bar = ProgressBar::new(total).with_message(kind.label(self.lang));
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>20} [{bar:40}] {pos:>7}/{len:7} {elapsed_precise}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        if let Ok(mut current) = self.current.lock()
            && let Some(previous) = current.replace(bar)
        {
            previous.finish_and_clear();
        }
    }

    fn advance(&self, done: u64) {
        if let Ok(current) = self.current.lock()
            && let Some(bar) = current.as_ref()
        {
            bar.inc(done);
        }
    }

    fn finish(&self) {
        if let Ok(current) = self.current.lock()
            && let Some(bar) = current.as_ref()
        {
            bar.set_position(bar.length().unwrap_or(0));
        }
    }
}
