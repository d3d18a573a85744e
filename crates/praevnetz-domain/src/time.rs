//! Dates, times and the clock.
//!
//! Calendar dates are civil dates (no time zone). Points in time are stored in UTC and shown in
//! [`HOME_ZONE`]. Input accepts ISO 8601 and the German forms users type (`06.09.2022`,
//! `06.09.2022 10:00`); a time without an offset is read as local time in [`HOME_ZONE`].

use std::fmt;
use std::sync::Arc;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

use crate::error::Rule;

/// The zone users live in; times without an offset are read in it and times are shown in it.
pub const HOME_ZONE: &str = "Europe/Berlin";

/// The home time zone. Falls back to UTC only if the bundled zone database lacks the zone,
/// which the tests rule out.
pub fn home_zone() -> TimeZone {
    TimeZone::get(HOME_ZONE).unwrap_or(TimeZone::UTC)
}

/// Years a date or point in time may have. Both backends store them alike only in this range,
/// and no record of a prevention network lies outside it.
pub const YEARS: std::ops::RangeInclusive<i16> = 1..=9999;

/// Reads a calendar date: `2022-09-06` or `6.9.2022`, in the years [`YEARS`].
pub fn parse_date(input: &str) -> Result<Date, Rule> {
    let date = parse_any_date(input)?;
    if YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(Rule::InvalidDate {
            found: input.trim().to_owned(),
        })
    }
}

fn parse_any_date(input: &str) -> Result<Date, Rule> {
    let value = input.trim();
    let invalid = || Rule::InvalidDate {
        found: value.to_owned(),
    };
    if value.contains('.') {
        let parts: Vec<&str> = value.split('.').collect();
        let [day, month, year] = parts.as_slice() else {
            return Err(invalid());
        };
        let number = |s: &str| s.trim().parse::<i16>().map_err(|_| invalid());
        if year.trim().len() != 4 {
            return Err(invalid());
        }
        let (day, month, year) = (number(day)?, number(month)?, number(year)?);
        let day = i8::try_from(day).map_err(|_| invalid())?;
        let month = i8::try_from(month).map_err(|_| invalid())?;
        Date::new(year, month, day).map_err(|_| invalid())
    } else {
        if value.len() != 10 {
            return Err(invalid());
        }
        value.parse::<Date>().map_err(|_| invalid())
    }
}

/// Like [`parse_date`], but blank input means "not given".
pub fn parse_optional_date(input: &str) -> Result<Option<Date>, Rule> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(input).map(Some)
    }
}

/// Reads a point in time: RFC 3339 with offset (`2022-09-06T08:00:00Z`), or a local time in
/// [`HOME_ZONE`] as `2022-09-06 10:00`, `2022-09-06T10:00` or `06.09.2022 10:00`.
/// Local times that do not exist or exist twice (daylight-saving changes) are refused, because
/// guessing would put a meeting at the wrong hour.
pub fn parse_timestamp(input: &str) -> Result<Timestamp, Rule> {
    let value = input.trim();
    let invalid = || Rule::InvalidDateTime {
        found: value.to_owned(),
    };
    if let Ok(ts) = value.parse::<Timestamp>() {
        return if YEARS.contains(&ts.to_zoned(TimeZone::UTC).year()) {
            Ok(ts)
        } else {
            Err(invalid())
        };
    }
    let (date_part, time_part) = value
        .split_once(['T', ' '])
        .ok_or_else(invalid)
        .map(|(d, t)| (d.trim(), t.trim()))?;
    let date = parse_date(date_part).map_err(|_| invalid())?;
    let time: jiff::civil::Time = time_part.parse().map_err(|_| invalid())?;
    let civil = DateTime::from_parts(date, time);
    let ambiguous = home_zone().to_ambiguous_zoned(civil);
    if ambiguous.is_ambiguous() {
        return Err(invalid());
    }
    ambiguous
        .unambiguous()
        .map(|z| z.timestamp())
        .map_err(|_| invalid())
}

/// Like [`parse_timestamp`], but blank input means "not given".
pub fn parse_optional_timestamp(input: &str) -> Result<Option<Timestamp>, Rule> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_timestamp(input).map(Some)
    }
}

/// `ts` in the home zone.
pub fn local(ts: Timestamp) -> Zoned {
    ts.to_zoned(home_zone())
}

/// A period of validity: since and until are both optional (open ends) and, when both are
/// given, `since <= until`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Period {
    since: Option<Date>,
    until: Option<Date>,
}

impl Period {
    /// An open period.
    pub const ALWAYS: Period = Period {
        since: None,
        until: None,
    };

    /// The period from `since` on, without end.
    pub fn starting(since: Date) -> Period {
        Period {
            since: Some(since),
            until: None,
        }
    }

    /// Checks the order of the ends.
    pub fn new(since: Option<Date>, until: Option<Date>) -> Result<Period, Rule> {
        if let (Some(s), Some(u)) = (since, until)
            && s > u
        {
            return Err(Rule::DateOrder {
                since: s.to_string(),
                until: u.to_string(),
            });
        }
        Ok(Period { since, until })
    }

    /// First day of validity, if known.
    pub fn since(&self) -> Option<Date> {
        self.since
    }

    /// Last day of validity, if it has ended.
    pub fn until(&self) -> Option<Date> {
        self.until
    }

    /// Whether `day` lies within the period.
    pub fn contains(&self, day: Date) -> bool {
        self.since.is_none_or(|s| s <= day) && self.until.is_none_or(|u| day <= u)
    }
}

/// The source of "now". Handlers and commands read time only through a clock so tests control it.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time, truncated to whole seconds so stored values compare as text.
    fn now(&self) -> Timestamp;

    /// Today in the home zone.
    fn today(&self) -> Date {
        local(self.now()).date()
    }
}

/// The computer's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let now = Timestamp::now();
        Timestamp::from_second(now.as_second()).unwrap_or(now)
    }
}

/// A clock that always says the same time.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

/// A shared clock.
pub type SharedClock = Arc<dyn Clock>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_iso_and_german_form() {
        let flöha = Date::new(2022, 9, 6).unwrap();
        assert_eq!(parse_date("2022-09-06").unwrap(), flöha);
        assert_eq!(parse_date("06.09.2022").unwrap(), flöha);
        assert_eq!(parse_date(" 6.9.2022 ").unwrap(), flöha);
        for bad in [
            "2022-02-30",
            "31.04.2022",
            "6.9.22",
            "2022/09/06",
            "",
            "morgen",
        ] {
            assert!(
                matches!(parse_date(bad), Err(Rule::InvalidDate { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn local_times_are_read_in_berlin_across_daylight_saving() {
        // Summer time: UTC+2.
        let summer = parse_timestamp("06.09.2022 10:00").unwrap();
        assert_eq!(summer.to_string(), "2022-09-06T08:00:00Z");
        // Winter time: UTC+1.
        let winter = parse_timestamp("2022-12-06 10:00").unwrap();
        assert_eq!(winter.to_string(), "2022-12-06T09:00:00Z");
        // With an explicit offset the zone does not matter.
        assert_eq!(
            parse_timestamp("2022-09-06T10:00:00+02:00").unwrap(),
            summer
        );
    }

    #[test]
    fn points_in_time_outside_the_years_one_to_9999_are_refused() {
        for bad in ["-000001-01-01T00:00:00Z", "0000-06-01T00:00:00Z"] {
            assert!(parse_timestamp(bad).is_err(), "{bad}");
        }
        assert!(parse_timestamp("0001-01-01T12:00:00Z").is_ok());
    }

    #[test]
    fn nonexistent_and_repeated_local_times_are_refused() {
        // 2023-03-26 02:30 does not exist in Berlin; 2023-10-29 02:30 happens twice.
        assert!(parse_timestamp("2023-03-26 02:30").is_err());
        assert!(parse_timestamp("2023-10-29 02:30").is_err());
    }

    #[test]
    fn periods_must_not_end_before_they_start() {
        let a = Date::new(2020, 1, 1).unwrap();
        let b = Date::new(2021, 1, 1).unwrap();
        assert!(Period::new(Some(a), Some(b)).is_ok());
        assert!(Period::new(Some(a), Some(a)).is_ok());
        assert_eq!(
            Period::new(Some(b), Some(a)),
            Err(Rule::DateOrder {
                since: "2021-01-01".into(),
                until: "2020-01-01".into()
            })
        );
        let p = Period::new(Some(a), None).unwrap();
        assert!(p.contains(b));
        assert!(!p.contains(Date::new(2019, 12, 31).unwrap()));
    }

    #[test]
    fn the_home_zone_is_bundled() {
        assert_eq!(home_zone().iana_name(), Some(HOME_ZONE));
    }
}
