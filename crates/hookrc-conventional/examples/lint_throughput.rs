//! Prints how many messages a second `cleanup` + `lint` (config-conventional)
//! get through on one core, over a few typical messages. A measurement to read,
//! not a test: `cargo run --release -p hookrc-conventional --example lint_throughput`.

use std::hint::black_box;
use std::io::Write as _;
use std::time::Instant;

use hookrc_conventional::cleanup;
use hookrc_conventional::lint::{Config, lint};

const MESSAGES: [&str; 4] = [
    "feat(parser): accept footers with a hash separator\n",
    "fix: handle empty input\n\nThe parser dropped the last line when the input had no\ntrailing newline. Keep it.\n\nCloses #123\nSigned-off-by: Ann Example <ann@example.com>\n",
    "Update README.md",
    "chore(deps): update dependency typescript to v5.4.5 (#4032)\n\nCo-authored-by: renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>\n",
];

fn main() -> std::io::Result<()> {
    let config = Config::conventional();
    let rounds = 200_000;
    let start = Instant::now();
    let mut violations = 0;
    for i in 0..rounds {
        let raw = MESSAGES[i % MESSAGES.len()];
        let text = cleanup(black_box(raw), "#");
        violations += lint(black_box(&text), &config).len();
    }
    let elapsed = start.elapsed();
    let per = elapsed / u32::try_from(rounds).unwrap_or(u32::MAX);
    let rate = f64::from(u32::try_from(rounds).unwrap_or(u32::MAX)) / elapsed.as_secs_f64();
    writeln!(
        std::io::stdout(),
        "{rounds} messages in {elapsed:?}: {per:?} each, {rate:.0} messages/s ({violations} violations)"
    )
}
