//! What a meeting, or a whole series of meetings, did to the network among those who attended:
//! their working ties the day before and 3, 6 and 12 months after — how many, how many new,
//! how many across pillars and across municipalities, and in how many separate parts.
//!
//! Ties of kind "met at meeting" are left out: they are the meeting itself, and the question
//! is which working ties followed it. A series is looked at from the day before its first
//! held meeting to the months after its last, among everyone who attended any of them.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::compare::{Summary, compare};
use super::stored::{Level, Records, Scope, Selection, network};
use crate::ids::PersonId;

/// How many months after a meeting its effect is looked at.
pub const MONTHS: [i32; 3] = [3, 6, 12];

/// The network among the attendees on one day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// The day.
    pub at: Date,
    /// Months after the (last) meeting; 0 for the day before the (first) one.
    pub months: i32,
    /// Attendees in the network on the day.
    pub persons: usize,
    /// Working ties among them.
    pub ties: usize,
    /// Ties not there the day before (none for the day before itself).
    pub new_ties: Option<usize>,
    /// Ties between two pillars.
    pub across_pillars: usize,
    /// Ties between two municipalities.
    pub across_municipalities: usize,
    /// Separate parts, persons without a tie included.
    pub components: usize,
}

/// The days an effect is looked at: the day before `first`, and 3, 6 and 12 months after
/// `last` as far as they lie on or before `today`. Empty if `first` is not yet past or no
/// month has passed since `last`.
pub fn days(first: Date, last: Date, today: Date) -> Vec<(Date, i32)> {
    let Ok(before) = first.yesterday() else {
        return Vec::new();
    };
    if first >= today {
        return Vec::new();
    }
    let mut days = vec![(before, 0)];
    days.extend(
        MONTHS
            .iter()
            .filter_map(|&m| last.checked_add(m.months()).ok().map(|d| (d, m)))
            .filter(|(d, _)| *d <= today),
    );
    if days.len() < 2 {
        return Vec::new();
    }
    days
}

/// The days a series' effect is looked at: from the day before its first held meeting (of
/// `held`, their days) to the months after its last; none without a held meeting.
pub fn series_days(held: &[Date], today: Date) -> Vec<(Date, i32)> {
    match (held.iter().min(), held.iter().max()) {
        (Some(first), Some(last)) => days(*first, *last, today),
        _ => Vec::new(),
    }
}

/// The network among `attended` on each of `days` (from [`days`]); empty with fewer than two
/// attendees.
pub fn impact(records: Records<'_>, attended: &[PersonId], days: &[(Date, i32)]) -> Vec<Point> {
    if attended.len() < 2 || days.is_empty() {
        return Vec::new();
    }
    let wanted: std::collections::HashSet<i64> = attended.iter().map(|p| p.get()).collect();
    let networks: Vec<_> = days
        .iter()
        .map(|(at, _)| {
            let net = network(
                records,
                &Selection {
                    scope: Scope::All,
                    level: Level::Person,
                    at: *at,
                    meeting_ties: false,
                },
            );
            let members: Vec<usize> = net
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| wanted.contains(&n.id))
                .map(|(i, _)| i)
                .collect();
            net.induced(&members)
        })
        .collect();
    let first = &networks[0];
    days.iter()
        .zip(&networks)
        .map(|((at, months), net)| {
            let summary = Summary::of(net);
            Point {
                at: *at,
                months: *months,
                persons: summary.nodes,
                ties: summary.edges,
                new_ties: (*months != 0).then(|| compare(first, net).new_edges.len()),
                across_pillars: summary.across_pillars,
                across_municipalities: summary.across_municipalities,
                components: summary.components,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn the_days_are_the_day_before_and_the_months_already_past() {
        let meeting = date(2022, 9, 6);
        assert_eq!(
            days(meeting, meeting, date(2023, 3, 10)),
            vec![
                (date(2022, 9, 5), 0),
                (date(2022, 12, 6), 3),
                (date(2023, 3, 6), 6)
            ]
        );
        // A series: before its first meeting, after its last.
        assert_eq!(
            days(date(2021, 3, 1), meeting, date(2026, 1, 1)),
            vec![
                (date(2021, 2, 28), 0),
                (date(2022, 12, 6), 3),
                (date(2023, 3, 6), 6),
                (date(2023, 9, 6), 12)
            ]
        );
        // Too early to tell.
        assert!(days(meeting, meeting, date(2022, 10, 1)).is_empty());
        assert!(days(meeting, meeting, meeting).is_empty());
    }
}
