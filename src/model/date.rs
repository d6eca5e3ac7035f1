//! The edition date: one type, checked against the calendar when it is read (`2023-02-30` and
//! `2023-13-01` are refused), printed as ISO `YYYY-MM-DD` and as a running head prints it.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

/// A day of the Gregorian calendar, years 1–9999 (what a PDF date can say).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–28/29/30/31.
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// The date `year-month-day`, if the calendar has it; else what is wrong.
    pub fn new(year: i64, month: i64, day: i64) -> Result<Date, String> {
        if !(1..=9999).contains(&year) {
            return Err(format!("the year {year} is out of range (1–9999)"));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("there is no month {month}"));
        }
        let days = days_in_month(year, month as u8) as i64;
        if !(1..=days).contains(&day) {
            return Err(format!(
                "{} {year} has {days} days, not {day}",
                MONTHS[month as usize - 1]
            ));
        }
        Ok(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        let [y, m, d] = parts[..] else {
            return Err(format!("\"{text}\" is not YYYY-MM-DD"));
        };
        if !(y.len() == 4 && m.len() == 2 && d.len() == 2 && [y, m, d].iter().all(digits)) {
            return Err(format!("\"{text}\" is not YYYY-MM-DD"));
        }
        let n = |p: &str| p.parse::<i64>().unwrap_or(i64::MAX);
        Date::new(n(y), n(m), n(d)).map_err(|why| format!("\"{text}\" is not a date: {why}"))
    }

    /// The date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`), clamped to the
    /// years a PDF date can say.
    pub fn from_unix_days(days: i64) -> Date {
        let z = days.clamp(-719_162, 2_932_896) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    pub fn unix_days(self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
        let era = yy.div_euclid(400);
        let yoe = yy - era * 400;
        let doy = (153 * mm + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// As a running head prints it: `2023年5月29日 星期一`.
    pub fn cn(self) -> String {
        // 1970-01-01 was a Thursday.
        let week = ["日", "一", "二", "三", "四", "五", "六"]
            [(self.unix_days() + 4).rem_euclid(7) as usize];
        format!("{}年{}月{}日 星期{week}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i64, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

/// Reads a quoted `"YYYY-MM-DD"`; a bare TOML date is refused, so every file writes dates one
/// way (and a local time or offset never sneaks in).
struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date in quotes, \"YYYY-MM-DD\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        Date::parse(v).map_err(E::custom)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Date, A::Error> {
        Err(de::Error::custom(
            "write the date in quotes, date = \"YYYY-MM-DD\" (a bare TOML date is not read)",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_print_with_their_weekday() {
        let d = |s| Date::parse(s).unwrap().cn();
        assert_eq!(d("2023-05-29"), "2023年5月29日 星期一");
        assert_eq!(d("1970-01-01"), "1970年1月1日 星期四");
        assert_eq!(d("2024-02-29"), "2024年2月29日 星期四");
    }

    #[test]
    fn the_calendar_is_checked() {
        assert!(
            Date::parse("2023-02-30")
                .unwrap_err()
                .contains("February 2023 has 28 days")
        );
        assert!(
            Date::parse("2023-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(Date::parse("2023-04-31").is_err());
        assert!(Date::parse("2023-5-29").is_err());
        assert!(Date::parse("2023-05-29x").is_err());
        assert!(Date::parse("29-05-2023").is_err());
        assert!(Date::parse("1900-02-29").is_err());
        assert!(Date::parse("2000-02-29").is_ok());
    }

    #[test]
    fn unix_days_round_trip() {
        for days in [-700_000, -1, 0, 19_506, 2_000_000] {
            let d = Date::from_unix_days(days);
            assert_eq!(d.unix_days(), days, "{d}");
        }
        assert_eq!(Date::from_unix_days(19_506).to_string(), "2023-05-29");
    }
}
