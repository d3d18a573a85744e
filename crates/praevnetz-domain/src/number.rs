//! Numbers and yes/no values as users type them (German decimal comma accepted).

use crate::error::Rule;

/// Reads a whole number within `min..=max`. Spaces and German thousands dots are not accepted:
/// `1.000` is ambiguous between one thousand and one.
pub fn parse_int(input: &str, min: i64, max: i64) -> Result<i64, Rule> {
    let value = input.trim();
    let number: i64 = value.parse().map_err(|_| Rule::NotAnInteger {
        found: value.to_owned(),
    })?;
    if number < min || number > max {
        return Err(Rule::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
            found: value.to_owned(),
        });
    }
    Ok(number)
}

/// Like [`parse_int`], but blank input means "not given".
pub fn parse_optional_int(input: &str, min: i64, max: i64) -> Result<Option<i64>, Rule> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_int(input, min, max).map(Some)
    }
}

/// Reads a decimal number within `min..=max`, with `.` or `,` as decimal separator.
pub fn parse_decimal(input: &str, min: f64, max: f64) -> Result<f64, Rule> {
    let value = input.trim();
    let not_a_number = || Rule::NotANumber {
        found: value.to_owned(),
    };
    if value.matches([',', '.']).count() > 1 {
        return Err(not_a_number());
    }
    let number: f64 = value
        .replace(',', ".")
        .parse()
        .map_err(|_| not_a_number())?;
    if !number.is_finite() {
        return Err(not_a_number());
    }
    if number < min || number > max {
        return Err(Rule::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
            found: value.to_owned(),
        });
    }
    Ok(number)
}

/// Like [`parse_decimal`], but blank input means "not given".
pub fn parse_optional_decimal(input: &str, min: f64, max: f64) -> Result<Option<f64>, Rule> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_decimal(input, min, max).map(Some)
    }
}

/// Reads yes or no: `ja/nein`, `yes/no`, `true/false`, `wahr/falsch`, `1/0`, `x` (a ticked cell).
pub fn parse_bool(input: &str) -> Result<bool, Rule> {
    let value = input.trim();
    match value.to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "true" | "wahr" | "1" | "x" => Ok(true),
        "nein" | "n" | "no" | "false" | "falsch" | "0" => Ok(false),
        _ => Err(Rule::NotABoolean {
            found: value.to_owned(),
        }),
    }
}

/// Reads an amount of money in euros (`1500`, `1.500,50` is refused as ambiguous, `1500,50` and
/// `1500.50` are accepted) and returns whole cents.
pub fn parse_euro_cents(input: &str) -> Result<i64, Rule> {
    let value = input
        .trim()
        .trim_end_matches('€')
        .trim_end_matches("EUR")
        .trim();
    let euros = parse_decimal(value, 0.0, 1e12)?;
    // Rounding to cents is the intended conversion; the range check above keeps it in i64.
    #[allow(clippy::cast_possible_truncation)]
    Ok((euros * 100.0).round() as i64)
}

/// A whole number as readers of `lang` write it: `12.345` in German, `12,345` in English.
///
/// ```
/// use praevnetz_domain::i18n::Lang;
/// use praevnetz_domain::number::format_count;
/// assert_eq!(format_count(1_234_567, Lang::De), "1.234.567");
/// assert_eq!(format_count(-4_500, Lang::En), "-4,500");
/// assert_eq!(format_count(999, Lang::De), "999");
/// ```
pub fn format_count(n: i64, lang: crate::i18n::Lang) -> String {
    let separator = match lang {
        crate::i18n::Lang::De => '.',
        crate::i18n::Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// A decimal number with `places` decimals as readers of `lang` write it (`50,8561` in German),
/// without thousands separators (coordinates, areas).
///
/// ```
/// use praevnetz_domain::i18n::Lang;
/// use praevnetz_domain::number::format_decimal;
/// assert_eq!(format_decimal(50.85613, 4, Lang::De), "50,8561");
/// assert_eq!(format_decimal(50.85613, 2, Lang::En), "50.86");
/// ```
pub fn format_decimal(x: f64, places: usize, lang: crate::i18n::Lang) -> String {
    let text = format!("{x:.places$}");
    match lang {
        crate::i18n::Lang::De => text.replace('.', ","),
        crate::i18n::Lang::En => text,
    }
}

/// An amount of euro cents as readers of `lang` write it: `12.500,00 €`, `€12,500.00`.
///
/// ```
/// use praevnetz_domain::i18n::Lang;
/// use praevnetz_domain::number::format_euro_cents;
/// assert_eq!(format_euro_cents(1_250_050, Lang::De), "12.500,50 €");
/// assert_eq!(format_euro_cents(1_250_050, Lang::En), "€12,500.50");
/// assert_eq!(format_euro_cents(5, Lang::De), "0,05 €");
/// ```
pub fn format_euro_cents(cents: i64, lang: crate::i18n::Lang) -> String {
    let euros = format_count(cents / 100, lang);
    let rest = (cents % 100).unsigned_abs();
    match lang {
        crate::i18n::Lang::De => format!("{euros},{rest:02} €"),
        crate::i18n::Lang::En => format!("€{euros}.{rest:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_range_checked() {
        assert_eq!(parse_int(" 3 ", 1, 5), Ok(3));
        assert!(matches!(parse_int("6", 1, 5), Err(Rule::OutOfRange { .. })));
        assert!(matches!(
            parse_int("drei", 1, 5),
            Err(Rule::NotAnInteger { .. })
        ));
        assert_eq!(parse_optional_int(" ", 1, 5), Ok(None));
    }

    #[test]
    fn decimals_accept_a_german_comma() {
        assert_eq!(parse_decimal("50,85613", -90.0, 90.0), Ok(50.85613));
        assert_eq!(parse_decimal("50.85613", -90.0, 90.0), Ok(50.85613));
        assert!(parse_decimal("1.000,5", 0.0, 1e6).is_err());
        assert!(parse_decimal("NaN", 0.0, 1.0).is_err());
        assert!(matches!(
            parse_decimal("91", -90.0, 90.0),
            Err(Rule::OutOfRange { .. })
        ));
    }

    #[test]
    fn yes_and_no_in_both_languages() {
        assert_eq!(parse_bool("Ja"), Ok(true));
        assert_eq!(parse_bool("no"), Ok(false));
        assert!(parse_bool("vielleicht").is_err());
    }

    #[test]
    fn euro_amounts_become_cents() {
        assert_eq!(parse_euro_cents("1500,50 €"), Ok(150_050));
        assert_eq!(parse_euro_cents("20000"), Ok(2_000_000));
    }
}
